import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { catchError, of } from 'rxjs';

import { environment } from '../../../environments/environment';
import { AuthService } from '../auth/auth.service';
import { SILENT_ERRORS } from '../http/http-context';
import { NavCountKey } from './nav.config';

/** The sidebar's counts (open collection cases…), asked only of roles that may read them; silent on errors. */
@Injectable({ providedIn: 'root' })
export class NavCountsService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly counts = signal<Partial<Record<NavCountKey, number>>>({});

  count(key: NavCountKey | undefined): number | null {
    if (!key) return null;
    return this.counts()[key] ?? null;
  }

  refresh(): void {
    if (!this.auth.can('view_collections')) return;
    this.http
      .get<{ open_cases: number }>(`${environment.apiUrl}/collections/dashboard-stats/`, {
        context: new HttpContext().set(SILENT_ERRORS, true),
      })
      .pipe(catchError(() => of(null)))
      .subscribe(
        (stats) => stats && this.counts.update((c) => ({ ...c, open_cases: stats.open_cases })),
      );
  }
}
