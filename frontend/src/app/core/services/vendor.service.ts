import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Paginated,
  Vendor,
  VendorFilters,
  VendorInput,
  VendorInvoice,
  VendorWorkOrder,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/**
 * Vendors (`/api/v1/invoices/vendors/`): read with view_invoices or view_maintenance, kept with
 * manage_maintenance. Writes are SILENT: the form shows the API's `detail` next to the field.
 */
@Injectable({ providedIn: 'root' })
export class VendorService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/invoices/vendors`;

  getVendors(filters?: VendorFilters): Observable<Paginated<Vendor>> {
    return this.http.get<Paginated<Vendor>>(`${this.url}/`, { params: toHttpParams(filters) });
  }

  getVendor(id: string): Observable<Vendor> {
    return this.http.get<Vendor>(`${this.url}/${id}/`);
  }

  create(body: VendorInput): Observable<Vendor> {
    return this.http.post<Vendor>(`${this.url}/`, body, { context: silent() });
  }

  update(id: string, body: VendorInput): Observable<Vendor> {
    return this.http.patch<Vendor>(`${this.url}/${id}/`, body, { context: silent() });
  }

  /** Takes the vendor off the active list (never deleted: its work orders and invoices keep it). */
  deactivate(id: string): Observable<Vendor> {
    return this.http.post<Vendor>(`${this.url}/${id}/deactivate/`, {}, { context: silent() });
  }

  /** The filtered list as CSV. */
  exportCsv(filters?: VendorFilters): Observable<Blob> {
    return this.http.get(`${this.url}/export/`, {
      params: toHttpParams({ ...filters, page: null, page_size: null }),
      responseType: 'blob',
    });
  }

  /** The vendor's work orders, newest first (the work-order API, view_maintenance). */
  getWorkOrders(vendorId: string, pageSize = 10): Observable<Paginated<VendorWorkOrder>> {
    return this.http.get<Paginated<VendorWorkOrder>>(`${environment.apiUrl}/units/work-orders/`, {
      params: toHttpParams({
        assigned_vendor: vendorId,
        ordering: '-requested_date',
        page_size: pageSize,
      }),
    });
  }

  /** The vendor's invoices, newest first (the invoice API, view_invoices). */
  getInvoices(vendorId: string, pageSize = 10): Observable<Paginated<VendorInvoice>> {
    return this.http.get<Paginated<VendorInvoice>>(`${environment.apiUrl}/invoices/`, {
      params: toHttpParams({ vendor: vendorId, ordering: '-invoice_date', page_size: pageSize }),
    });
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
