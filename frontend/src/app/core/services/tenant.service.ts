import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { LedgerEntry, Paginated, Tenant } from '../models';
import { toHttpParams } from '../utils/http-params';

@Injectable({ providedIn: 'root' })
export class TenantService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/tenants`;

  getTenant(id: string): Observable<Tenant> {
    return this.http.get<Tenant>(`${this.url}/${id}/`);
  }

  getLedger(tenantId: string, pageSize = 100): Observable<Paginated<LedgerEntry>> {
    return this.http.get<Paginated<LedgerEntry>>(`${this.url}/ledger/`, {
      params: toHttpParams({ tenant: tenantId, page_size: pageSize }),
    });
  }
}
