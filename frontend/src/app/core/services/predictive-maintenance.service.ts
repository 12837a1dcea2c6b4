import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Paginated,
  PreventiveSuggestion,
  RiskHeatmap,
  RiskScoreFilters,
  RiskSummary,
  SuggestionFilters,
  UnitRiskScore,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/** 2.3 risk scores, heatmap and preventive suggestions (`/api/v1/predictive-maintenance/`):
 * view_maintenance to read, manage_maintenance to approve or dismiss. Decisions are SILENT: the
 * screen shows the API's `detail`. */
@Injectable({ providedIn: 'root' })
export class PredictiveMaintenanceService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/predictive-maintenance`;

  riskScores(filters?: RiskScoreFilters): Observable<Paginated<UnitRiskScore>> {
    return this.http.get<Paginated<UnitRiskScore>>(`${this.url}/risk-scores/`, {
      params: toHttpParams(filters),
    });
  }

  summary(property?: string | null): Observable<RiskSummary> {
    return this.http.get<RiskSummary>(`${this.url}/risk-scores/summary/`, {
      params: toHttpParams({ property }),
    });
  }

  exportCsv(filters?: RiskScoreFilters): Observable<Blob> {
    return this.http.get(`${this.url}/risk-scores/export/`, {
      params: toHttpParams({ ...filters, page: null, page_size: null }),
      responseType: 'blob',
    });
  }

  heatmap(property?: string | null): Observable<RiskHeatmap> {
    return this.http.get<RiskHeatmap>(`${this.url}/risk-heatmap/`, {
      params: toHttpParams({ property }),
    });
  }

  suggestions(filters?: SuggestionFilters): Observable<Paginated<PreventiveSuggestion>> {
    return this.http.get<Paginated<PreventiveSuggestion>>(`${this.url}/suggestions/`, {
      params: toHttpParams(filters),
    });
  }

  /** Approves: the work order is created (units service). `key` makes a retry safe. */
  approve(id: string, key: string): Observable<PreventiveSuggestion> {
    return this.http.post<PreventiveSuggestion>(
      `${this.url}/suggestions/${id}/approve/`,
      {},
      { context: silent(), headers: { 'Idempotency-Key': key } },
    );
  }

  dismiss(id: string, reason: string): Observable<PreventiveSuggestion> {
    return this.http.post<PreventiveSuggestion>(
      `${this.url}/suggestions/${id}/dismiss/`,
      { reason },
      { context: silent() },
    );
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
