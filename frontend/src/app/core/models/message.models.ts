import { IsoDateTime } from './api.models';

export type MessageChannel = 'sms' | 'email';
export type OutboxStatus =
  'queued' | 'stored' | 'sent' | 'delivered' | 'failed' | 'blocked' | 'scheduled';
export type InboundStatus = 'received' | 'handled' | 'unhandled' | 'failed';

/** One SMS or email UnitCycle sent (or stored because no provider is configured). */
export interface OutboxMessage {
  id: string;
  channel: MessageChannel;
  to: string;
  from_address: string;
  subject: string;
  body: string;
  status: OutboxStatus;
  backend: string;
  provider_message_id: string;
  error: string;
  retryable: boolean;
  attempts: number;
  feature: string;
  dedupe_key: string | null;
  related_type: string;
  related_id: string;
  created_at: IsoDateTime;
  /** A `scheduled` text (quiet hours) goes out at this time. */
  not_before: IsoDateTime | null;
  /** Why it waits, with the law: "quiet hours, 47 CFR §64.1200(c)(1)"; "" otherwise. */
  hold_reason: string;
  sent_at: IsoDateTime | null;
  delivered_at: IsoDateTime | null;
  opened_at: IsoDateTime | null;
}

/** One SMS or email received through a verified webhook. */
export interface InboundMessage {
  id: string;
  channel: MessageChannel;
  provider: string;
  provider_message_id: string;
  from_address: string;
  to_address: string;
  subject: string;
  body: string;
  attachments: unknown[];
  status: InboundStatus;
  handler_error: string;
  handled_at: IsoDateTime | null;
  created_at: IsoDateTime;
}

export interface MessageFilters {
  channel?: MessageChannel | '';
  status?: string;
  search?: string;
  /** A tenant's email and phone, comma-separated: their messages only. */
  contact?: string;
  page?: number;
  page_size?: number;
}
