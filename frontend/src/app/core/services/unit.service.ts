import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { Equipment, Paginated, Unit, WorkOrder } from '../models';
import { toHttpParams } from '../utils/http-params';

@Injectable({ providedIn: 'root' })
export class UnitService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/units`;

  getUnit(id: string): Observable<Unit> {
    return this.http.get<Unit>(`${this.url}/${id}/`);
  }

  getWorkOrders(
    unitId: string,
    params?: { status?: string; page_size?: number },
  ): Observable<Paginated<WorkOrder>> {
    return this.http.get<Paginated<WorkOrder>>(`${this.url}/work-orders/`, {
      params: toHttpParams({ unit: unitId, page_size: 100, ...params }),
    });
  }

  getEquipment(unitId: string): Observable<Paginated<Equipment>> {
    return this.http.get<Paginated<Equipment>>(
      `${environment.apiUrl}/predictive-maintenance/equipment/`,
      {
        params: toHttpParams({ unit: unitId, page_size: 100 }),
      },
    );
  }
}
