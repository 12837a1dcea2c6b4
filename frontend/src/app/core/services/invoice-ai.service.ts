import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  ExtractionApproval,
  InvoiceDetail,
  InvoiceExtraction,
  InvoiceStage,
  InvoiceUploadResult,
  ProcessingQueue,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/**
 * 3.2 Invoice AI (`/api/v1/invoices/…`): upload PDFs or photos, poll what the AI read, then approve (with
 * corrections), flag or reject. Writes are SILENT: the screen shows the API's `detail` where it happened;
 * approve and reject send an `Idempotency-Key` (the interceptor adds one to POSTs).
 */
@Injectable({ providedIn: 'root' })
export class InvoiceAiService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/invoices`;

  upload(files: readonly File[], property?: string | null): Observable<InvoiceUploadResult> {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    if (property) form.append('property', property);
    return this.http.post<InvoiceUploadResult>(`${this.url}/upload/`, form, { context: silent() });
  }

  queue(
    filters: { stage?: InvoiceStage | null; include_done?: boolean } = {},
  ): Observable<ProcessingQueue> {
    return this.http.get<ProcessingQueue>(`${this.url}/processing-queue/`, {
      params: toHttpParams({ stage: filters.stage, include_done: filters.include_done || null }),
    });
  }

  /** Silent: the review shows its own error (and a 404 means "entered by hand": it opens the detail). */
  extraction(id: string): Observable<InvoiceExtraction> {
    return this.http.get<InvoiceExtraction>(`${this.url}/${id}/extraction/`, { context: silent() });
  }

  approve(id: string, body: ExtractionApproval): Observable<InvoiceDetail> {
    return this.http.post<InvoiceDetail>(`${this.url}/${id}/approve-extraction/`, body, {
      context: silent(),
    });
  }

  matchWorkOrder(id: string, workOrder: string | null): Observable<InvoiceExtraction> {
    return this.http.post<InvoiceExtraction>(
      `${this.url}/${id}/match-work-order/`,
      { work_order: workOrder },
      { context: silent() },
    );
  }

  flag(id: string, reason: string): Observable<InvoiceExtraction> {
    return this.http.post<InvoiceExtraction>(
      `${this.url}/${id}/flag/`,
      { reason },
      { context: silent() },
    );
  }

  reject(id: string, reason: string): Observable<InvoiceDetail> {
    return this.http.post<InvoiceDetail>(
      `${this.url}/${id}/reject-extraction/`,
      { reason },
      { context: silent() },
    );
  }

  retry(id: string): Observable<InvoiceExtraction> {
    return this.http.post<InvoiceExtraction>(
      `${this.url}/${id}/retry-extraction/`,
      {},
      { context: silent() },
    );
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
