import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Observable, map } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Paginated,
  Unit,
  VendorOption,
  WorkOrderCreate,
  WorkOrderDetail,
  WorkOrderFile,
  WorkOrderFilters,
  WorkOrderItem,
  WorkOrderPatch,
  WorkOrderSummary,
  WorkOrderTransition,
} from '../models';

/**
 * Query params of the work-order list: empty values left out, lists comma-separated, booleans only when
 * true (`open=true`, `sla_breached=true`; false means "don't filter").
 */
export function workOrderParams(filters: WorkOrderFilters | object | null | undefined): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(filters ?? {})) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      const items = value.map((v) => String(v).trim()).filter(Boolean);
      if (items.length) params = params.set(key, items.join(','));
      continue;
    }
    params = params.set(key, String(value));
  }
  return params;
}

/** The list's filters for the summary and the CSV export: the same filters without paging (and, for
 * the summary, without the status, whose counts it gives). */
export function withoutPaging(filters: WorkOrderFilters): WorkOrderFilters {
  const { page: _page, page_size: _size, ...rest } = filters;
  return rest;
}

export function summaryFilters(filters: WorkOrderFilters): WorkOrderFilters {
  const { status: _status, open: _open, ordering: _ordering, ...rest } = withoutPaging(filters);
  return rest;
}

/**
 * Work orders (`/api/v1/units/work-orders/`): the list, its status counts and CSV export, the detail,
 * create/patch, status moves and attached files. Writes are SILENT: the screens show the API's `detail`
 * and field errors next to the form.
 */
@Injectable({ providedIn: 'root' })
export class WorkOrderService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/units/work-orders`;
  /** Bumped when another screen part creates work orders (2.3's approved suggestion), so lists reload. */
  readonly changes = signal(0);

  list(filters?: WorkOrderFilters): Observable<Paginated<WorkOrderItem>> {
    return this.http.get<Paginated<WorkOrderItem>>(`${this.url}/`, {
      params: workOrderParams(filters),
    });
  }

  /** Counts per status (and overdue) for the list's filters, the status aside. */
  summary(filters: WorkOrderFilters = {}): Observable<WorkOrderSummary> {
    return this.http.get<WorkOrderSummary>(`${this.url}/summary/`, {
      params: workOrderParams(summaryFilters(filters)),
    });
  }

  /** The filtered list as CSV (downloaded with the caller's token). */
  exportCsv(filters: WorkOrderFilters = {}): Observable<Blob> {
    return this.http.get(`${this.url}/export/`, {
      params: workOrderParams(withoutPaging(filters)),
      responseType: 'blob',
    });
  }

  /** The export's address for these filters (it needs the token: download it with `exportCsv`). */
  exportUrl(filters: WorkOrderFilters = {}): string {
    const query = workOrderParams(withoutPaging(filters)).toString();
    return `${this.url}/export/${query ? `?${query}` : ''}`;
  }

  get(id: string): Observable<WorkOrderDetail> {
    return this.http.get<WorkOrderDetail>(`${this.url}/${id}/`);
  }

  /** Creates a work order; `idempotencyKey` (one per attempt of the same body) makes a retry create one. */
  create(body: WorkOrderCreate, idempotencyKey?: string): Observable<WorkOrderDetail> {
    return this.http.post<WorkOrderDetail>(`${this.url}/`, body, {
      context: silent(),
      headers: keyHeader(idempotencyKey),
    });
  }

  update(id: string, patch: WorkOrderPatch): Observable<WorkOrderDetail> {
    return this.http.patch<WorkOrderDetail>(`${this.url}/${id}/`, patch, { context: silent() });
  }

  /** Moves the status; an illegal move is a 400 whose `detail` says why. */
  transition(
    id: string,
    body: WorkOrderTransition,
    idempotencyKey?: string,
  ): Observable<WorkOrderDetail> {
    return this.http.post<WorkOrderDetail>(`${this.url}/${id}/transition/`, stripEmpty(body), {
      context: silent(),
      headers: keyHeader(idempotencyKey),
    });
  }

  /** Links an uploaded file (`POST /api/v1/files/`, purpose `work_order`) to the work order. */
  attachFile(id: string, file: string, kind: 'photo' | 'document'): Observable<WorkOrderFile> {
    return this.http.post<WorkOrderFile>(
      `${this.url}/${id}/files/`,
      { file, kind },
      { context: silent() },
    );
  }

  removeFile(id: string, linkId: string): Observable<void> {
    return this.http.delete<void>(`${this.url}/${id}/files/${linkId}/`, { context: silent() });
  }

  /** Vendors by name: the active ones to assign (default), or all of them (`active: false`, for a filter
   * that must also name old vendors); optionally of one trade. */
  vendors(opts: { trade?: string | null; active?: boolean } = {}): Observable<VendorOption[]> {
    return this.http
      .get<Paginated<VendorOption>>(`${environment.apiUrl}/invoices/vendors/`, {
        params: workOrderParams({
          is_active: opts.active === false ? null : 'true',
          trade: opts.trade || null,
          ordering: 'name',
          page_size: 500,
        }),
      })
      .pipe(map((page) => page.results));
  }

  /** One vendor's card (contact, trade). */
  vendor(id: string): Observable<VendorOption> {
    return this.http.get<VendorOption>(`${environment.apiUrl}/invoices/vendors/${id}/`);
  }

  /** The units of a property, to pick the one the work is in. */
  units(propertyId: string): Observable<Unit[]> {
    return this.http
      .get<Paginated<Unit>>(`${environment.apiUrl}/units/`, {
        params: workOrderParams({ property: propertyId, page_size: 500 }),
      })
      .pipe(map((page) => page.results));
  }
}

/** `Idempotency-Key` for a POST that records money (create with an estimate, complete with a cost). */
function keyHeader(key: string | undefined): Record<string, string> {
  return key ? { 'Idempotency-Key': key } : {};
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
