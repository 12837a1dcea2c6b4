import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  GiveNoticeRequest,
  LeaseFilters,
  LeaseLifecycle,
  LeaseStatusLog,
  LifecycleStats,
  Paginated,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/** Lease lifecycle API (spec 1.1 "Service Methods"). */
@Injectable({ providedIn: 'root' })
export class LifecycleService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/tenants/leases`;

  /** Counts per lifecycle state; scoped to one property when `property` is given. */
  getStats(filters?: { property?: string | null }): Observable<LifecycleStats> {
    return this.http.get<LifecycleStats>(`${this.url}/lifecycle-stats/`, {
      params: toHttpParams(filters),
    });
  }

  getLeases(filters?: LeaseFilters): Observable<Paginated<LeaseLifecycle>> {
    return this.http.get<Paginated<LeaseLifecycle>>(this.url + '/', {
      params: toHttpParams(filters),
    });
  }

  getLease(id: string): Observable<LeaseLifecycle> {
    return this.http.get<LeaseLifecycle>(`${this.url}/${id}/`);
  }

  // Actions: the caller shows the API's `detail` next to the form, so no global toast.
  convertToMtm(id: string): Observable<LeaseLifecycle> {
    return this.http.post<LeaseLifecycle>(
      `${this.url}/${id}/convert-mtm/`,
      {},
      { context: silent() },
    );
  }

  giveNotice(id: string, data: GiveNoticeRequest): Observable<LeaseLifecycle> {
    return this.http.post<LeaseLifecycle>(`${this.url}/${id}/give-notice/`, data, {
      context: silent(),
    });
  }

  markVacant(id: string): Observable<LeaseLifecycle> {
    return this.http.post<LeaseLifecycle>(
      `${this.url}/${id}/mark-vacant/`,
      {},
      { context: silent() },
    );
  }

  getStatusHistory(id: string): Observable<LeaseStatusLog[]> {
    return this.http.get<LeaseStatusLog[]>(`${this.url}/${id}/status-history/`);
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
