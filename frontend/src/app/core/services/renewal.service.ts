import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Paginated,
  RenewalBulkApproveResult,
  RenewalDashboardStats,
  RenewalDetail,
  RenewalFilters,
  RenewalLetterUpdate,
  RenewalRecommendation,
  RenewalRunScanResult,
} from '../models';
import { toHttpParams } from '../utils/http-params';
import { Job, JobService } from './job.service';

/**
 * Renewal intelligence API (spec 1.2, `/api/v1/renewals/`). Every action answers the recommendation's
 * detail. Actions are SILENT: the caller shows the API's `detail` next to the control.
 */
@Injectable({ providedIn: 'root' })
export class RenewalService {
  private readonly http = inject(HttpClient);
  private readonly jobs = inject(JobService);
  private readonly url = `${environment.apiUrl}/renewals`;

  /** Recommendations; the API ranks by churn score (highest first) unless `ordering` says otherwise. */
  getRecommendations(filters?: RenewalFilters): Observable<Paginated<RenewalRecommendation>> {
    return this.http.get<Paginated<RenewalRecommendation>>(`${this.url}/`, {
      params: toHttpParams(filters),
    });
  }

  getRecommendation(id: string): Observable<RenewalDetail> {
    return this.http.get<RenewalDetail>(`${this.url}/${id}/`);
  }

  /** The lease's latest recommendation, or null (unit detail's Churn Risk cell). */
  getLatestForLease(leaseId: string): Observable<RenewalRecommendation | null> {
    return this.getRecommendations({ lease: leaseId, ordering: '-created_at', page_size: 1 }).pipe(
      map((page) => page.results[0] ?? null),
    );
  }

  getDashboardStats(filters?: { property?: string | null }): Observable<RenewalDashboardStats> {
    return this.http.get<RenewalDashboardStats>(`${this.url}/dashboard-stats/`, {
      params: toHttpParams(filters),
    });
  }

  /** Runs the nightly scan now (200 with the summary, or 202 when queued to a worker). */
  /** Starts the scan as a background job and follows it to the end (core/jobs; one runs at a time). */
  runScan(): Observable<RenewalRunScanResult> {
    return this.jobs
      .run(
        this.http.post<Job<{ summary: string }>>(
          `${this.url}/run-scan/`,
          {},
          { context: silent() },
        ),
      )
      .pipe(
        map((job) => ({ status: 'completed' as const, summary: job.summary, task_id: job.id })),
      );
  }

  /** Approves the recommended rent, or `approvedRent` ("1850.00") when the manager changed it. */
  approve(id: string, approvedRent?: string | null): Observable<RenewalDetail> {
    const body = approvedRent ? { approved_rent: approvedRent } : {};
    return this.http.post<RenewalDetail>(`${this.url}/${id}/approve/`, body, { context: silent() });
  }

  /** Approves the recommended rent of each pending recommendation; the others come back in `skipped`. */
  bulkApprove(ids: string[]): Observable<RenewalBulkApproveResult> {
    return this.http.post<RenewalBulkApproveResult>(
      `${this.url}/bulk-approve/`,
      { ids },
      { context: silent() },
    );
  }

  /** Sends the approved letter (email + SMS); `sent_via` reports each channel. */
  send(id: string): Observable<RenewalDetail> {
    return this.http.post<RenewalDetail>(`${this.url}/${id}/send/`, {}, { context: silent() });
  }

  generateLetter(id: string): Observable<RenewalDetail> {
    return this.http.post<RenewalDetail>(
      `${this.url}/${id}/generate-letter/`,
      {},
      { context: silent() },
    );
  }

  updateLetter(id: string, changes: RenewalLetterUpdate): Observable<RenewalDetail> {
    return this.http.patch<RenewalDetail>(`${this.url}/${id}/letter/`, changes, {
      context: silent(),
    });
  }

  /** The tenant's answer; accepting renews the lease through the lifecycle. */
  respond(id: string, accepted: boolean, note = ''): Observable<RenewalDetail> {
    return this.http.post<RenewalDetail>(
      `${this.url}/${id}/respond/`,
      { accepted, note },
      { context: silent() },
    );
  }

  /** The filtered list as CSV. */
  exportCsv(filters?: RenewalFilters): Observable<Blob> {
    return this.http.get(`${this.url}/export/`, {
      params: toHttpParams(filters),
      responseType: 'blob',
    });
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
