import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  CollectionAction,
  CollectionCase,
  CollectionCaseDetail,
  CollectionDashboardStats,
  CollectionFilters,
  CollectionRunScanResult,
  OfferPlanRequest,
  Paginated,
  RecordPaymentRequest,
  UNRESOLVED_STATUSES,
} from '../models';
import { toHttpParams } from '../utils/http-params';
import { Job, JobService } from './job.service';

/**
 * Smart collections API (spec 1.3, `/api/v1/collections/`). Every action on a case answers the case
 * detail, so screens redraw from the response. Actions are SILENT: the caller shows the API's `detail`.
 */
@Injectable({ providedIn: 'root' })
export class CollectionsService {
  private readonly http = inject(HttpClient);
  private readonly jobs = inject(JobService);
  private readonly url = `${environment.apiUrl}/collections`;

  getCases(filters?: CollectionFilters): Observable<Paginated<CollectionCase>> {
    return this.http.get<Paginated<CollectionCase>>(`${this.url}/`, {
      params: toHttpParams(filters),
    });
  }

  getCase(id: string): Observable<CollectionCaseDetail> {
    return this.http.get<CollectionCaseDetail>(`${this.url}/${id}/`);
  }

  /** Every action of a case, oldest first (a plain list). */
  getActions(id: string): Observable<CollectionAction[]> {
    return this.http.get<CollectionAction[]>(`${this.url}/${id}/actions/`);
  }

  /** The tenant's unresolved case (open, payment plan or escalated), or null. */
  getOpenCaseForTenant(tenantId: string): Observable<CollectionCase | null> {
    return this.getCases({
      tenant: tenantId,
      status: UNRESOLVED_STATUSES.join(','),
      page_size: 1,
    }).pipe(map((page) => page.results[0] ?? null));
  }

  getDashboardStats(filters?: { property?: string | null }): Observable<CollectionDashboardStats> {
    return this.http.get<CollectionDashboardStats>(`${this.url}/dashboard-stats/`, {
      params: toHttpParams(filters),
    });
  }

  /** "Scan Now": the daily scan then the escalation engine, in-process (≈20 s on a first run). */
  /** Starts the scan + escalation as a background job and follows it to the end (core/jobs). */
  runScan(): Observable<CollectionRunScanResult> {
    return this.jobs
      .run(
        this.http.post<Job<CollectionRunScanResult>>(
          `${this.url}/run-scan/`,
          {},
          { context: silent() },
        ),
      )
      .pipe(
        map((job) => ({ scan: job.result?.scan ?? '', escalation: job.result?.escalation ?? '' })),
      );
  }

  /** Sends the next dunning step now. */
  sendReminder(id: string): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(
      `${this.url}/${id}/send-reminder/`,
      {},
      { context: silent() },
    );
  }

  /** Offers a plan of 2–6 installments (the API picks a count when none is given). */
  offerPlan(id: string, body: OfferPlanRequest = {}): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(`${this.url}/${id}/offer-plan/`, stripEmpty(body), {
      context: silent(),
    });
  }

  acceptPlan(id: string): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(
      `${this.url}/${id}/accept-plan/`,
      {},
      { context: silent() },
    );
  }

  recordPayment(id: string, body: RecordPaymentRequest): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(
      `${this.url}/${id}/record-payment/`,
      stripEmpty(body),
      {
        context: silent(),
      },
    );
  }

  /** The manager approves the agent's legal-referral recommendation (the legal step goes out). */
  approveLegal(id: string): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(
      `${this.url}/${id}/approve-legal/`,
      {},
      { context: silent() },
    );
  }

  /** The manager dismisses the recommendation; nothing is sent. */
  dismissLegal(id: string, note = ''): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(
      `${this.url}/${id}/dismiss-legal/`,
      { note },
      { context: silent() },
    );
  }

  escalate(id: string, note = ''): Observable<CollectionCaseDetail> {
    return this.http.post<CollectionCaseDetail>(
      `${this.url}/${id}/escalate/`,
      { note },
      { context: silent() },
    );
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}

/** Leaves out null, undefined and blank values (the API treats a missing field as "default"). */
function stripEmpty<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(body).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as Partial<T>;
}
