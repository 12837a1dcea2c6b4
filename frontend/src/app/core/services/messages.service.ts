import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import { InboundMessage, MessageFilters, OutboxMessage, Paginated } from '../models';
import { toHttpParams } from '../utils/http-params';

/** The messaging layer's API (`/api/v1/messages/`): what was sent (outbox) and what came in (inbound). */
@Injectable({ providedIn: 'root' })
export class MessagesService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/messages`;

  getOutbox(filters: MessageFilters): Observable<Paginated<OutboxMessage>> {
    return this.http.get<Paginated<OutboxMessage>>(`${this.url}/outbox/`, {
      params: toHttpParams(filters),
    });
  }

  getInbound(filters: MessageFilters): Observable<Paginated<InboundMessage>> {
    const { status: _ignored, ...rest } = filters;
    return this.http.get<Paginated<InboundMessage>>(`${this.url}/inbound/`, {
      params: toHttpParams(rest),
    });
  }

  /** Sends a failed message again (400 unless it failed). The caller shows the API's `detail`. */
  retry(id: string): Observable<OutboxMessage> {
    return this.http.post<OutboxMessage>(
      `${this.url}/outbox/${id}/retry/`,
      {},
      {
        context: new HttpContext().set(SILENT_ERRORS, true),
      },
    );
  }
}
