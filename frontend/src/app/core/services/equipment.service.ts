import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import { EquipmentFilters, EquipmentInput, EquipmentRecord, Paginated, Unit } from '../models';
import { toHttpParams } from '../utils/http-params';

/** The equipment register (`/api/v1/predictive-maintenance/equipment/`): view_maintenance to read,
 * manage_maintenance to write. Writes are SILENT: the form shows the API's `detail`. */
@Injectable({ providedIn: 'root' })
export class EquipmentService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/predictive-maintenance/equipment`;

  getEquipment(filters?: EquipmentFilters): Observable<Paginated<EquipmentRecord>> {
    return this.http.get<Paginated<EquipmentRecord>>(`${this.url}/`, {
      params: toHttpParams(filters),
    });
  }

  getOne(id: string): Observable<EquipmentRecord> {
    return this.http.get<EquipmentRecord>(`${this.url}/${id}/`);
  }

  create(body: EquipmentInput): Observable<EquipmentRecord> {
    return this.http.post<EquipmentRecord>(`${this.url}/`, body, { context: silent() });
  }

  update(id: string, body: EquipmentInput): Observable<EquipmentRecord> {
    return this.http.patch<EquipmentRecord>(`${this.url}/${id}/`, body, { context: silent() });
  }

  /** The filtered register as CSV. */
  exportCsv(filters?: EquipmentFilters): Observable<Blob> {
    return this.http.get(`${this.url}/export/`, {
      params: toHttpParams({ ...filters, page: null, page_size: null }),
      responseType: 'blob',
    });
  }

  /** A property's units (for the form's unit and building choices), by building and number. */
  getUnits(propertyId: string): Observable<Paginated<Unit>> {
    return this.http.get<Paginated<Unit>>(`${environment.apiUrl}/units/`, {
      params: toHttpParams({ property: propertyId, page_size: 500, ordering: 'unit_number' }),
    });
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
