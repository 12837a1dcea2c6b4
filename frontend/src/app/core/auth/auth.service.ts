import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, map, of, tap } from 'rxjs';

import { environment } from '../../../environments/environment';

export interface CurrentUser {
  email: string;
  first_name: string;
  last_name: string;
  is_staff?: boolean;
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

  readonly token = this.tokenSig.asReadonly();
  readonly user = this.userSig.asReadonly();
  readonly isAuthenticated = computed(() => !!this.tokenSig());
  /** The signed-in email, known straight after login and confirmed by `/auth/me/`. */
  readonly email = computed(() => this.userSig()?.email ?? this.emailSig());

  login(email: string, password: string): Observable<void> {
    return this.http
      .post<{ token: string }>(`${environment.apiUrl}/auth/token/`, { email, password })
      .pipe(
        tap(({ token }) => {
          storage()?.setItem(TOKEN_KEY, token);
          storage()?.setItem(EMAIL_KEY, email);
          this.tokenSig.set(token);
          this.emailSig.set(email);
        }),
        map(() => undefined),
      );
  }

  /** Loads the current user once per session; failures are left to the interceptor. */
  loadUser(): void {
    if (!this.tokenSig() || this.userSig()) return;
    this.http
      .get<CurrentUser>(`${environment.apiUrl}/auth/me/`)
      .pipe(catchError(() => of(null)))
      .subscribe((u) => u && this.userSig.set(u));
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
    this.tokenSig.set(null);
    this.userSig.set(null);
    this.emailSig.set(null);
  }
}
