import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { JurisdictionRule, JurisdictionRuleFilters, Paginated } from '../models';
import { toHttpParams } from '../utils/http-params';

/** The law as data (`/api/v1/jurisdiction-rules/`): notice periods, late-fee caps, deposit deadlines. */
@Injectable({ providedIn: 'root' })
export class JurisdictionRuleService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/jurisdiction-rules/`;

  getRules(filters: JurisdictionRuleFilters): Observable<Paginated<JurisdictionRule>> {
    return this.http.get<Paginated<JurisdictionRule>>(this.url, { params: toHttpParams(filters) });
  }
}
