import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { Paginated, Property, PropertyListParams, UnitGrid } from '../models';
import { toHttpParams } from '../utils/http-params';

@Injectable({ providedIn: 'root' })
export class PropertyService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/properties`;

  getProperties(params?: PropertyListParams): Observable<Paginated<Property>> {
    return this.http.get<Paginated<Property>>(`${this.url}/`, { params: toHttpParams(params) });
  }

  getProperty(id: string): Observable<Property> {
    return this.http.get<Property>(`${this.url}/${id}/`);
  }

  /** Every unit with its current lease and balance, for the honeycomb. */
  getUnitGrid(id: string): Observable<UnitGrid> {
    return this.http.get<UnitGrid>(`${this.url}/${id}/unit-grid/`);
  }
}
