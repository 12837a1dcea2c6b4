import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Invoice,
  InvoiceCreateRequest,
  InvoiceDetail,
  InvoiceFilters,
  InvoiceSummary,
  InvoiceTransitionRequest,
  InvoiceVendorOption,
  InvoiceWorkOrderOption,
  Paginated,
  Unit,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/**
 * Vendor invoices (`/api/v1/invoices/`, issue 16). Every write answers the invoice's detail, so the screen
 * redraws from the response. Writes are SILENT: the screen shows the API's `detail` where it happened.
 * Creating and moving an invoice send an `Idempotency-Key` (core/http/idempotency.interceptor.ts).
 */
@Injectable({ providedIn: 'root' })
export class InvoiceService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/invoices`;

  list(filters?: InvoiceFilters): Observable<Paginated<Invoice>> {
    return this.http.get<Paginated<Invoice>>(`${this.url}/`, { params: toHttpParams(filters) });
  }

  /** Counts and totals per status for the chips (the list's filters; the status filter is ignored). */
  summary(filters?: InvoiceFilters): Observable<InvoiceSummary> {
    const { status: _status, ordering: _o, page: _p, page_size: _s, ...rest } = filters ?? {};
    return this.http.get<InvoiceSummary>(`${this.url}/summary/`, { params: toHttpParams(rest) });
  }

  get(id: string): Observable<InvoiceDetail> {
    return this.http.get<InvoiceDetail>(`${this.url}/${id}/`);
  }

  create(body: InvoiceCreateRequest): Observable<InvoiceDetail> {
    return this.http.post<InvoiceDetail>(`${this.url}/`, body, { context: silent() });
  }

  update(id: string, changes: Partial<InvoiceCreateRequest>): Observable<InvoiceDetail> {
    return this.http.patch<InvoiceDetail>(`${this.url}/${id}/`, changes, { context: silent() });
  }

  transition(id: string, body: InvoiceTransitionRequest): Observable<InvoiceDetail> {
    return this.http.post<InvoiceDetail>(`${this.url}/${id}/transition/`, body, {
      context: silent(),
    });
  }

  /** Links a file uploaded through `FileService.upload(file, 'invoice')`. */
  attach(id: string, fileId: string): Observable<InvoiceDetail> {
    return this.http.post<InvoiceDetail>(
      `${this.url}/${id}/attachments/`,
      { file: fileId },
      { context: silent() },
    );
  }

  removeAttachment(id: string, attachmentId: string): Observable<void> {
    return this.http.delete<void>(`${this.url}/${id}/attachments/${attachmentId}/`, {
      context: silent(),
    });
  }

  /** The filtered list as CSV (every row). */
  exportCsv(filters?: InvoiceFilters): Observable<Blob> {
    const { page: _p, page_size: _s, ...rest } = filters ?? {};
    return this.http.get(`${this.url}/export/`, {
      params: toHttpParams(rest),
      responseType: 'blob',
    });
  }

  /** Vendors for the pickers, by name (active ones unless `all`). */
  vendors(all = false): Observable<InvoiceVendorOption[]> {
    return this.http
      .get<Paginated<InvoiceVendorOption>>(`${this.url}/vendors/`, {
        params: toHttpParams({ page_size: 500, ordering: 'name', is_active: all ? null : true }),
      })
      .pipe(map((page) => page.results));
  }

  /** Work orders an invoice may be linked to (not cancelled, newest first): the invoice's own read, so
   * roles without the maintenance screens (accountants) can link them. */
  workOrderOptions(filters: {
    unit?: string | null;
    property?: string | null;
    vendor?: string | null;
  }): Observable<InvoiceWorkOrderOption[]> {
    return this.http.get<InvoiceWorkOrderOption[]>(`${this.url}/work-orders/`, {
      params: toHttpParams(filters),
    });
  }

  /** A property's units for the picker, by number. */
  units(propertyId: string): Observable<Unit[]> {
    return this.http
      .get<Paginated<Unit>>(`${environment.apiUrl}/units/`, {
        params: toHttpParams({ property: propertyId, page_size: 500, ordering: 'unit_number' }),
      })
      .pipe(map((page) => page.results));
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
