import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { environment } from '../../../environments/environment';
import { AuthService } from '../auth/auth.service';
import { Paginated } from '../models';

export interface ChatConversation {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  message_count?: number;
}

export interface ChatColumn {
  key: string;
  label: string;
  type: 'text' | 'money' | 'number' | 'percent' | 'date';
}

export interface ChatTableBlock {
  type: 'table';
  tool: string;
  title: string;
  columns: ChatColumn[];
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>;
  row_count: number;
  truncated: boolean;
}

export interface ChatChartBlock {
  type: 'chart';
  kind: 'bar';
  tool: string;
  title: string;
  series: { name: string; points: { label: string; value: number }[] }[];
}

export interface ChatActionBlock {
  type: 'action';
  tool: string;
  /** link: open a screen; bulk_action: open the command center with these units selected and the bulk-action
   * preview open; confirm: post `body` to the owning endpoint once the manager clicks. */
  kind: 'link' | 'confirm' | 'bulk_action';
  label: string;
  route?: string;
  params?: Record<string, string>;
  method?: 'POST';
  endpoint?: string;
  body?: Record<string, unknown>;
  /** confirm: what to say once created. */
  success?: string;
  bulk_action?: string;
  unit_ids?: string[];
  rents?: (string | null)[];
  truncated?: boolean;
}

export type ChatBlock = ChatTableBlock | ChatChartBlock | ChatActionBlock;

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  blocks: ChatBlock[];
  created_at: string;
}

/** One Server-Sent Event of an answer. */
export type ChatEvent =
  | { type: 'start'; conversation_id: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; name: string; is_error: boolean }
  | { type: 'block'; block: ChatBlock }
  | { type: 'done'; message_id: string; text: string; blocks: ChatBlock[] }
  | { type: 'error'; detail: string };

export interface DailyDigest {
  digest_date: string;
  content: string;
  highlights: { type: 'alert' | 'info' | 'success'; section: string; text: string; link: string }[];
  metrics: Record<string, number | string | null>;
  stored: boolean;
  generated_at: string | null;
}

/** Parses an SSE byte stream into events (`data: <json>` lines, frames separated by a blank line). */
export function parseSseFrames(buffer: string): { events: ChatEvent[]; rest: string } {
  const events: ChatEvent[] = [];
  const frames = buffer.split('\n\n');
  const rest = frames.pop() ?? '';
  for (const frame of frames) {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (data) events.push(JSON.parse(data) as ChatEvent);
  }
  return { events, rest };
}

/** Portfolio chat (spec 3.3, `/api/v1/chat/`): conversations, streamed answers, the daily digest. */
@Injectable({ providedIn: 'root' })
export class ChatService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly url = `${environment.apiUrl}/chat`;

  conversations(): Observable<Paginated<ChatConversation>> {
    return this.http.get<Paginated<ChatConversation>>(`${this.url}/conversations/`, {
      params: new HttpParams().set('page_size', 50),
    });
  }

  create(title = ''): Observable<ChatConversation> {
    return this.http.post<ChatConversation>(`${this.url}/conversations/`, { title });
  }

  history(id: string): Observable<ChatMessage[]> {
    return this.http.get<ChatMessage[]>(`${this.url}/conversations/${id}/messages/`);
  }

  digest(date?: string): Observable<DailyDigest> {
    const params = date ? new HttpParams().set('date', date) : undefined;
    return this.http.get<DailyDigest>(`${this.url}/daily-digest/`, { params });
  }

  /** Posts the question and calls `onEvent` for each streamed event (fetch: EventSource cannot POST). */
  async ask(
    id: string,
    content: string,
    onEvent: (event: ChatEvent) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const token = this.auth.token();
    const response = await fetch(`${this.url}/conversations/${id}/messages/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        ...(token ? { Authorization: `Token ${token}` } : {}),
      },
      body: JSON.stringify({ content }),
      signal,
    });
    if (!response.ok || !response.body) {
      let detail = `The assistant is unavailable (${response.status}).`;
      try {
        detail = ((await response.json()) as { detail?: string }).detail ?? detail;
      } catch {
        /* not JSON */
      }
      onEvent({ type: 'error', detail });
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseSseFrames(buffer);
      buffer = parsed.rest;
      parsed.events.forEach(onEvent);
    }
  }
}
