import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Paginated,
  PricingFilters,
  PricingRunResult,
  PricingSnapshot,
  RevenueOpportunity,
  UnitPricing,
} from '../models';
import { toHttpParams } from '../utils/http-params';
import { Job, JobService } from './job.service';

/**
 * Dynamic pricing API (spec 2.2, `/api/v1/pricing/`): the latest snapshot per unit, a unit's pricing with its
 * comps and 90-day history, the revenue opportunity, applying a vacant unit's recommended rent, and the engine.
 */
@Injectable({ providedIn: 'root' })
export class PricingService {
  private readonly http = inject(HttpClient);
  private readonly jobs = inject(JobService);
  private readonly url = `${environment.apiUrl}/pricing`;

  getSnapshots(filters?: PricingFilters): Observable<Paginated<PricingSnapshot>> {
    return this.http.get<Paginated<PricingSnapshot>>(`${this.url}/snapshots/`, {
      params: toHttpParams(filters),
    });
  }

  exportCsv(filters?: PricingFilters): Observable<Blob> {
    return this.http.get(`${this.url}/snapshots/export/`, {
      params: toHttpParams(filters),
      responseType: 'blob',
    });
  }

  getUnitPricing(unitId: string): Observable<UnitPricing> {
    return this.http.get<UnitPricing>(`${this.url}/units/${unitId}/history/`);
  }

  getRevenueOpportunity(filters?: { property?: string | null }): Observable<RevenueOpportunity> {
    return this.http.get<RevenueOpportunity>(`${this.url}/revenue-opportunity/`, {
      params: toHttpParams(filters),
    });
  }

  /** Sets a vacant unit's asking rent to its recommended rent (idempotent; the interceptor adds the key). */
  applyRecommended(unitId: string): Observable<UnitPricing> {
    return this.http.post<UnitPricing>(
      `${this.url}/units/${unitId}/apply/`,
      {},
      { context: silent() },
    );
  }

  /** Starts the engine (one property or all) as a background job and follows it to the end. */
  runEngine(property?: string | null): Observable<PricingRunResult> {
    const body = property ? { property } : {};
    return this.jobs
      .run(
        this.http.post<Job<{ summary: string }>>(`${this.url}/run-engine/`, body, {
          context: silent(),
        }),
      )
      .pipe(map((job) => ({ summary: job.summary ?? '', job_id: job.id })));
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
