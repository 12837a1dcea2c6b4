import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import {
  AtRiskResponse,
  Broadcast,
  BroadcastPreview,
  Conversation,
  ConversationDetail,
  ConversationFilters,
  InboxStats,
  Paginated,
  RecipientFilter,
} from '../models';
import { toHttpParams } from '../utils/http-params';

const SILENT = { context: new HttpContext().set(SILENT_ERRORS, true) };

/** The tenant inbox, broadcasts and sentiment (`/api/v1/communications/`). */
@Injectable({ providedIn: 'root' })
export class CommunicationsService {
  private readonly http = inject(HttpClient);
  private readonly url = `${environment.apiUrl}/communications`;

  getConversations(filters: ConversationFilters): Observable<Paginated<Conversation>> {
    return this.http.get<Paginated<Conversation>>(`${this.url}/conversations/`, {
      params: toHttpParams(filters),
    });
  }

  getConversation(id: string): Observable<ConversationDetail> {
    return this.http.get<ConversationDetail>(`${this.url}/conversations/${id}/`);
  }

  getStats(): Observable<InboxStats> {
    return this.http.get<InboxStats>(`${this.url}/conversations/stats/`);
  }

  /** A staff reply through messaging; the caller shows the API's `detail` (an opted-out number, say). */
  reply(id: string, content: string, channel: string): Observable<ConversationDetail> {
    return this.http.post<ConversationDetail>(
      `${this.url}/conversations/${id}/reply/`,
      { content, channel },
      SILENT,
    );
  }

  setStatus(id: string, status: string): Observable<ConversationDetail> {
    return this.http.post<ConversationDetail>(
      `${this.url}/conversations/${id}/status/`,
      { status },
      SILENT,
    );
  }

  assign(id: string, tenantId: string): Observable<ConversationDetail> {
    return this.http.post<ConversationDetail>(
      `${this.url}/conversations/${id}/assign/`,
      { tenant_id: tenantId },
      SILENT,
    );
  }

  simulate(count: number): Observable<unknown> {
    return this.http.post(`${this.url}/simulate/`, { count }, SILENT);
  }

  getBroadcasts(): Observable<Paginated<Broadcast>> {
    return this.http.get<Paginated<Broadcast>>(`${this.url}/broadcasts/`);
  }

  previewBroadcast(filter: RecipientFilter): Observable<BroadcastPreview> {
    return this.http.post<BroadcastPreview>(`${this.url}/broadcasts/preview/`, filter, SILENT);
  }

  createBroadcast(body: {
    title: string;
    content: string;
    channels: string[];
    recipient_filter: RecipientFilter;
  }): Observable<Broadcast> {
    return this.http.post<Broadcast>(`${this.url}/broadcasts/`, body, SILENT);
  }

  sendBroadcast(id: string): Observable<Broadcast> {
    return this.http.post<Broadcast>(`${this.url}/broadcasts/${id}/send/`, {}, SILENT);
  }

  getAtRisk(): Observable<AtRiskResponse> {
    return this.http.get<AtRiskResponse>(`${this.url}/sentiment/at-risk/`);
  }
}
