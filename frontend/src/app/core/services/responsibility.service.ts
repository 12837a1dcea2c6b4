import { HttpClient, HttpContext, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  Determination,
  Paginated,
  PublicCharge,
  ResponsibilityMetrics,
  ResponsibilityQueueItem,
  TenantCharge,
  TenantChargeStatus,
  WorkOrderResponsibility,
} from '../models';
import { toHttpParams } from '../utils/http-params';

/**
 * Owner vs tenant responsibility (`/api/v1/responsibility/`): read with view_maintenance; determining, deciding
 * and disputes with manage_maintenance; billing and payments with record_payments. Writes are SILENT (the panel
 * shows the API's `detail` where the action was); money POSTs carry an Idempotency-Key.
 */
@Injectable({ providedIn: 'root' })
export class ResponsibilityService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/responsibility`;

  forWorkOrder(id: string): Observable<WorkOrderResponsibility> {
    return this.http.get<WorkOrderResponsibility>(`${this.url}/work-orders/${id}/`);
  }

  determine(id: string): Observable<Determination> {
    return this.http.post<Determination>(`${this.url}/work-orders/${id}/determine/`, null, {
      context: silent(),
    });
  }

  confirm(
    id: string,
    body: { responsibility: 'tenant' | 'shared'; amount: string; reason: string },
  ): Observable<TenantCharge> {
    return this.http.post<TenantCharge>(`${this.url}/work-orders/${id}/confirm/`, body, {
      context: silent(),
      headers: idempotency(),
    });
  }

  waive(id: string, reason: string): Observable<WorkOrderResponsibility> {
    return this.http.post<WorkOrderResponsibility>(
      `${this.url}/work-orders/${id}/waive/`,
      { reason },
      { context: silent() },
    );
  }

  charges(filters?: {
    status?: TenantChargeStatus | string;
    page?: number;
    page_size?: number;
    search?: string;
  }): Observable<Paginated<TenantCharge>> {
    return this.http.get<Paginated<TenantCharge>>(`${this.url}/charges/`, {
      params: toHttpParams(filters),
    });
  }

  /** The filtered charges as CSV (every row). */
  exportCharges(filters?: {
    status?: TenantChargeStatus | string;
    search?: string;
  }): Observable<Blob> {
    return this.http.get(`${this.url}/charges/export/`, {
      params: toHttpParams(filters),
      responseType: 'blob',
    });
  }

  queue(filters?: {
    page?: number;
    page_size?: number;
  }): Observable<Paginated<ResponsibilityQueueItem>> {
    return this.http.get<Paginated<ResponsibilityQueueItem>>(`${this.url}/queue/`, {
      params: toHttpParams(filters),
    });
  }

  metrics(): Observable<ResponsibilityMetrics> {
    return this.http.get<ResponsibilityMetrics>(`${this.url}/metrics/`);
  }

  bill(chargeId: string): Observable<TenantCharge> {
    return this.post(`charges/${chargeId}/bill/`, null, true);
  }

  pay(chargeId: string): Observable<TenantCharge> {
    return this.post(`charges/${chargeId}/pay/`, null, true);
  }

  dispute(chargeId: string, message: string): Observable<TenantCharge> {
    return this.post(`charges/${chargeId}/dispute/`, { message }, false);
  }

  resolve(
    chargeId: string,
    body: { outcome: 'uphold' | 'adjust' | 'waive'; reason: string; amount?: string | null },
  ): Observable<TenantCharge> {
    return this.post(`charges/${chargeId}/resolve/`, body, true);
  }

  publicCharge(token: string): Observable<PublicCharge> {
    return this.http.get<PublicCharge>(`${this.url}/public/charges/${token}/`, {
      context: silent(),
    });
  }

  publicDispute(token: string, message: string): Observable<PublicCharge> {
    return this.http.post<PublicCharge>(
      `${this.url}/public/charges/${token}/`,
      { message },
      { context: silent() },
    );
  }

  private post(path: string, body: unknown, money: boolean): Observable<TenantCharge> {
    return this.http.post<TenantCharge>(`${this.url}/${path}`, body, {
      context: silent(),
      ...(money ? { headers: idempotency() } : {}),
    });
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}

function idempotency(): HttpHeaders {
  return new HttpHeaders({ 'Idempotency-Key': crypto.randomUUID() });
}
