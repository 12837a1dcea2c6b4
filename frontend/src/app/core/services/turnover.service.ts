import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Paginated,
  TurnoverCase,
  TurnoverCaseDetail,
  TurnoverChecklistItem,
  TurnoverDeductionInput,
  TurnoverFilters,
  TurnoverKanban,
  TurnoverStage,
  TurnoverStats,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/**
 * Turnover cases (`/api/v1/turnover/`): read with view_portfolio; moves and the checklist with manage_leases or
 * manage_maintenance; approving deductions and the letter with manage_leases. Writes are SILENT: the screens
 * show the API's `detail` where the action was.
 */
@Injectable({ providedIn: 'root' })
export class TurnoverService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/turnover`;

  list(filters?: TurnoverFilters): Observable<Paginated<TurnoverCase>> {
    return this.http.get<Paginated<TurnoverCase>>(`${this.url}/`, {
      params: toHttpParams(filters),
    });
  }

  kanban(filters?: TurnoverFilters): Observable<TurnoverKanban> {
    return this.http.get<TurnoverKanban>(`${this.url}/kanban/`, { params: toHttpParams(filters) });
  }

  stats(filters?: TurnoverFilters): Observable<TurnoverStats> {
    return this.http.get<TurnoverStats>(`${this.url}/dashboard-stats/`, {
      params: toHttpParams(filters),
    });
  }

  get(id: string): Observable<TurnoverCaseDetail> {
    return this.http.get<TurnoverCaseDetail>(`${this.url}/${id}/`);
  }

  exportCsv(filters?: TurnoverFilters): Observable<Blob> {
    return this.http.get(`${this.url}/export/`, {
      params: toHttpParams({ ...filters, page: null, page_size: null }),
      responseType: 'blob',
    });
  }

  advance(id: string, stage: TurnoverStage, reason = ''): Observable<TurnoverCaseDetail> {
    return this.http.post<TurnoverCaseDetail>(
      `${this.url}/${id}/advance-stage/`,
      { stage, reason },
      { context: silent() },
    );
  }

  addDeduction(id: string, body: TurnoverDeductionInput): Observable<TurnoverCaseDetail> {
    return this.http.post<TurnoverCaseDetail>(`${this.url}/${id}/deductions/`, body, {
      context: silent(),
    });
  }

  approveDeduction(
    id: string,
    deductionId: string,
    approved = true,
  ): Observable<TurnoverCaseDetail> {
    return this.http.post<TurnoverCaseDetail>(
      `${this.url}/${id}/deductions/${deductionId}/approve/`,
      { approved },
      { context: silent() },
    );
  }

  deleteDeduction(id: string, deductionId: string): Observable<TurnoverCaseDetail> {
    return this.http.delete<TurnoverCaseDetail>(`${this.url}/${id}/deductions/${deductionId}/`, {
      context: silent(),
    });
  }

  updateChecklistItem(
    id: string,
    itemId: string,
    body: { completed?: boolean; actual_cost?: string; create_work_order?: boolean },
  ): Observable<TurnoverChecklistItem> {
    return this.http.patch<TurnoverChecklistItem>(`${this.url}/${id}/checklist/${itemId}/`, body, {
      context: silent(),
    });
  }

  generateLetter(id: string): Observable<TurnoverCaseDetail> {
    return this.http.post<TurnoverCaseDetail>(
      `${this.url}/${id}/generate-deduction-letter/`,
      {},
      {
        context: silent(),
      },
    );
  }

  letterPreview(id: string): Observable<{ html: string }> {
    return this.http.get<{ html: string }>(`${this.url}/${id}/letter-preview/`);
  }

  letterPdf(id: string): Observable<Blob> {
    return this.http.get(`${this.url}/${id}/letter-pdf/`, { responseType: 'blob' });
  }

  sendLetter(id: string): Observable<TurnoverCaseDetail> {
    return this.http.post<TurnoverCaseDetail>(
      `${this.url}/${id}/send-deduction-letter/`,
      {},
      {
        context: silent(),
      },
    );
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
