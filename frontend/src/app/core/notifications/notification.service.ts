import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, catchError, of, tap } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import { Paginated } from '../models';

export type NotificationSeverity = 'info' | 'warning' | 'critical';

/** One manager notification (`GET /api/v1/notifications/`). */
export interface AppNotification {
  id: string;
  kind: string;
  severity: NotificationSeverity;
  severity_label: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  is_read: boolean;
}

export interface NotificationPage extends Paginated<AppNotification> {
  unread: { unread: number; unread_critical: number };
}

/**
 * The bell's state: the newest notifications and the unread counts, refreshed on demand and by the shell's
 * poll. Errors are silent (the bell keeps what it had); marking read updates the list and the counts at once.
 */
@Injectable({ providedIn: 'root' })
export class NotificationService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/notifications`;
  private readonly silent = { context: new HttpContext().set(SILENT_ERRORS, true) };

  private readonly itemsSig = signal<AppNotification[]>([]);
  private readonly unreadSig = signal(0);
  private readonly criticalSig = signal(0);
  private readonly loadedSig = signal(false);
  /** Bumped by every local change (mark read): an answer to a refresh sent before it is stale and dropped. */
  private version = 0;

  readonly items = this.itemsSig.asReadonly();
  readonly unread = this.unreadSig.asReadonly();
  readonly unreadCritical = this.criticalSig.asReadonly();
  readonly loaded = this.loadedSig.asReadonly();
  /** "9+" above nine; empty when nothing is unread. */
  readonly badge = computed(() => {
    const n = this.unreadSig();
    return n === 0 ? '' : n > 9 ? '9+' : String(n);
  });

  refresh(): Observable<NotificationPage | null> {
    const asked = this.version;
    return this.http
      .get<NotificationPage>(`${this.url}/`, { params: { page_size: 20 }, ...this.silent })
      .pipe(
        tap((page) => {
          if (asked !== this.version) return; // marked read meanwhile: this answer predates it
          this.itemsSig.set(page.results);
          this.unreadSig.set(page.unread.unread);
          this.criticalSig.set(page.unread.unread_critical);
          this.loadedSig.set(true);
        }),
        catchError(() => of(null)),
      );
  }

  markRead(item: AppNotification): Observable<unknown> {
    if (item.is_read) return of(null);
    this.version++;
    this.apply([item.id]);
    return this.http
      .post(`${this.url}/${item.id}/read/`, {}, this.silent)
      .pipe(catchError(() => of(null)));
  }

  markAllRead(): Observable<unknown> {
    this.version++;
    this.apply(this.itemsSig().map((n) => n.id));
    this.unreadSig.set(0);
    this.criticalSig.set(0);
    return this.http
      .post(`${this.url}/read-all/`, {}, this.silent)
      .pipe(catchError(() => of(null)));
  }

  /** Forgets everything (sign-out). */
  clear(): void {
    this.itemsSig.set([]);
    this.unreadSig.set(0);
    this.criticalSig.set(0);
    this.loadedSig.set(false);
  }

  private apply(ids: string[]): void {
    const set = new Set(ids);
    let unread = 0;
    let critical = 0;
    this.itemsSig.update((list) =>
      list.map((n) => {
        if (!set.has(n.id) || n.is_read) return n;
        unread++;
        if (n.severity === 'critical') critical++;
        return { ...n, is_read: true };
      }),
    );
    this.unreadSig.update((n) => Math.max(0, n - unread));
    this.criticalSig.update((n) => Math.max(0, n - critical));
  }
}
