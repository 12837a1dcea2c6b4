import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, finalize, map, of, shareReplay, tap } from 'rxjs';

import { environment } from '../../../environments/environment';

/**
 * What a role may do (backend `core.roles.PERMISSIONS`); the API answers 403 without it. Screens hide
 * what the signed-in role lacks (`AuthService.can`), routes need their screen's view permission
 * (`permissionGuard`).
 */
export const PERMISSIONS = {
  view_portfolio: 'see properties, units, leases, tenants, the dashboards and the command center',
  view_ledger: "see tenants' ledger rows",
  view_collections: 'see collection cases',
  view_renewals: 'see renewal recommendations',
  view_maintenance: 'see work orders, equipment and failure predictions',
  view_invoices: 'see invoices and vendors',
  view_messages: 'see sent and received messages',
  view_ai_usage: 'see AI usage and cost',
  manage_leases: 'convert leases to month-to-month, record notice, mark units vacant',
  manage_renewals: 'approve, send and record answers to renewal offers',
  manage_collections: 'send reminders, offer plans, escalate and decide legal referrals',
  record_payments: 'record payments and accept payment plans',
  manage_maintenance:
    'create, assign and close work orders; keep the vendor list and the equipment register',
  manage_invoices: 'enter vendor invoices, approve or reject them and mark them paid',
  send_messages: 'retry messages that failed to send',
  run_agents: 'run the agents by hand (scans, the command-center queue)',
  run_bulk_actions: 'run bulk actions and dismiss recommendations',
  import_portfolio: 'import properties, units, tenants and leases from CSV files',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export type Role =
  | 'administrator'
  | 'property_manager'
  | 'leasing_agent'
  | 'maintenance_coordinator'
  | 'accountant'
  | 'read_only';

/** A property the person is limited to. */
export interface ScopedProperty {
  id: string;
  name: string;
}

/** `GET /auth/me/`: who is signed in, their role, what it lets them do and which properties they see. */
export interface CurrentUser {
  email: string;
  first_name: string;
  last_name: string;
  is_staff?: boolean;
  /** null: an account without a role (it can do nothing). */
  role: Role | null;
  role_label: string;
  permissions: Permission[];
  /** null: every property; else the properties the person is limited to. */
  properties: ScopedProperty[] | null;
}

/** "All properties", "Maple Court", "2 properties", "No properties". */
export function scopeLabel(properties: readonly ScopedProperty[] | null | undefined): string {
  if (properties === null || properties === undefined) return 'All properties';
  if (properties.length === 0) return 'No properties';
  if (properties.length === 1) return properties[0].name;
  return `${properties.length} properties`;
}

/** The answer of `/auth/me/` with the access fields defaulted (an account without a role can do nothing). */
function withAccessDefaults(u: Partial<CurrentUser> & { email: string }): CurrentUser {
  return {
    first_name: '',
    last_name: '',
    ...u,
    role: u.role ?? null,
    role_label: u.role_label || (u.role ? u.role : 'No role'),
    permissions: Array.isArray(u.permissions) ? u.permissions : [],
    properties: u.properties === undefined ? null : u.properties,
  };
}

/** One signed-in device (an API token) from `GET /auth/sessions/`. */
export interface SignedInDevice {
  id: string;
  created: string;
  expiry: string | null;
  last_used: string | null;
  user_agent: string;
  current: boolean;
}

const TOKEN_KEY = 'unitcycle.token';
const EMAIL_KEY = 'unitcycle.email';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Token authentication: `POST /auth/token/` gives a token kept in localStorage. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);

  private readonly tokenSig = signal<string | null>(storage()?.getItem(TOKEN_KEY) ?? null);
  private readonly userSig = signal<CurrentUser | null>(null);
  private readonly emailSig = signal<string | null>(storage()?.getItem(EMAIL_KEY) ?? null);
  private readonly loadFailedSig = signal(false);
  /** The `/auth/me/` request in flight (shared by the guards, the shell and login). */
  private pending: Observable<CurrentUser | null> | null = null;
  /** Bumped when the session changes, so a late `/auth/me/` answer of an old session is dropped. */
  private session = 0;

  readonly token = this.tokenSig.asReadonly();
  readonly user = this.userSig.asReadonly();
  readonly isAuthenticated = computed(() => !!this.tokenSig());
  /** The signed-in email, known straight after login and confirmed by `/auth/me/`. */
  readonly email = computed(() => this.userSig()?.email ?? this.emailSig());
  /** Whether `/auth/me/` has answered: until then the role's permissions are unknown (and `can` is false). */
  readonly loaded = computed(() => this.userSig() !== null);
  /** `/auth/me/` failed (not a 401, which signs out): the screens can offer to try again. */
  readonly loadFailed = this.loadFailedSig.asReadonly();
  readonly roleLabel = computed(() => this.userSig()?.role_label ?? null);
  /** "All properties" / "2 properties" / the one property's name; null until loaded. */
  readonly scope = computed(() => {
    const u = this.userSig();
    return u ? scopeLabel(u.properties) : null;
  });
  private readonly permissionSet = computed(
    () => new Set<string>(this.userSig()?.permissions ?? []),
  );

  /**
   * Whether the signed-in role has `perm`. Reads signals, so a template, `computed()` or `effect()` that
   * calls it follows the user; false until the user is loaded (nothing shows, then disappears).
   */
  can(perm: Permission): boolean {
    return this.permissionSet().has(perm);
  }

  /** The opposite of `can` (also true while the user is not loaded yet). */
  lacks(perm: Permission): boolean {
    return !this.can(perm);
  }

  /** Whether the role has at least one of `perms` (a screen two kinds of role read, e.g. vendors). */
  canAny(...perms: Permission[]): boolean {
    return perms.some((p) => this.can(p));
  }

  /** Whether the role has every one of `perms`. */
  canAll(...perms: Permission[]): boolean {
    return perms.every((p) => this.can(p));
  }

  login(email: string, password: string): Observable<void> {
    return this.http
      .post<{ token: string }>(`${environment.apiUrl}/auth/token/`, { email, password })
      .pipe(
        tap(({ token }) => {
          storage()?.setItem(TOKEN_KEY, token);
          storage()?.setItem(EMAIL_KEY, email);
          this.session++;
          this.pending = null;
          this.userSig.set(null);
          this.tokenSig.set(token);
          this.emailSig.set(email);
          // Who this is and what their role may do, straight away (the route guards wait for it).
          this.loadUser();
        }),
        map(() => undefined),
      );
  }

  /**
   * The current user: at once when loaded, else from `/auth/me/` (one request however many callers).
   * Null when signed out or when the request failed (a 401 is the interceptor's: it signs out).
   */
  ensureUser(): Observable<CurrentUser | null> {
    if (!this.tokenSig()) return of(null);
    const known = this.userSig();
    if (known) return of(known);
    return (this.pending ??= this.fetchUser());
  }

  /** Loads the current user once per session (app start, after login). */
  loadUser(): void {
    this.ensureUser().subscribe();
  }

  /**
   * Asks `/auth/me/` again (the role may have changed: the API refused something the screen offered).
   * What we knew stays shown until the answer comes, and stays if the request fails.
   */
  refreshUser(): Observable<CurrentUser | null> {
    if (!this.tokenSig()) return of(null);
    if (!this.userSig()) return this.ensureUser();
    return (this.pending ??= this.fetchUser());
  }

  private fetchUser(): Observable<CurrentUser | null> {
    const session = this.session;
    const current = () => session === this.session;
    this.loadFailedSig.set(false);
    return this.http.get<CurrentUser>(`${environment.apiUrl}/auth/me/`).pipe(
      map((u) => withAccessDefaults(u)),
      tap((u) => {
        // The same answer again (a refresh) changes nothing, so nothing reloads.
        if (current() && JSON.stringify(u) !== JSON.stringify(this.userSig())) this.userSig.set(u);
      }),
      catchError(() => {
        if (current() && this.tokenSig() && !this.userSig()) this.loadFailedSig.set(true);
        return of(current() ? this.userSig() : null);
      }),
      finalize(() => {
        if (current()) this.pending = null;
      }),
      shareReplay(1),
    );
  }

  /** The caller's signed-in devices, newest first (`current` is this browser). */
  devices(): Observable<SignedInDevice[]> {
    return this.http.get<SignedInDevice[]>(`${environment.apiUrl}/auth/sessions/`);
  }

  /** Signs another device out. */
  revokeDevice(id: string): Observable<void> {
    return this.http.delete<void>(`${environment.apiUrl}/auth/sessions/${encodeURIComponent(id)}/`);
  }

  /** Signs every device out, this one included. */
  logoutEverywhere(): void {
    this.http
      .post(`${environment.apiUrl}/auth/logout-all/`, {})
      .pipe(catchError(() => of(null)))
      .subscribe(() => {
        this.clearSession();
        void this.router.navigate(['/login']);
      });
  }

  logout(): void {
    const hadToken = !!this.tokenSig();
    if (hadToken) {
      // Revoke the token server-side; sign out locally whatever the answer.
      this.http
        .post(`${environment.apiUrl}/auth/logout/`, {})
        .pipe(catchError(() => of(null)))
        .subscribe();
    }
    this.clearSession();
    void this.router.navigate(['/login']);
  }

  /** Forgets the token (used on logout and when the API answers 401). */
  clearSession(): void {
    storage()?.removeItem(TOKEN_KEY);
    storage()?.removeItem(EMAIL_KEY);
    this.session++;
    this.pending = null;
    this.tokenSig.set(null);
    this.userSig.set(null);
    this.emailSig.set(null);
    this.loadFailedSig.set(false);
  }
}
