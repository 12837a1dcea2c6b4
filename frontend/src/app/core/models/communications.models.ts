/** The communications hub (spec 5.3): `/api/v1/communications/`. */
export type ConversationStatus =
  'active' | 'waiting_staff' | 'waiting_tenant' | 'resolved' | 'archived';
export type ConversationCategory =
  'maintenance' | 'billing' | 'lease' | 'complaint' | 'emergency' | 'general';
export type Urgency = 'critical' | 'high' | 'normal' | 'low';

export interface Conversation {
  id: string;
  tenant: string | null;
  tenant_name: string;
  unit: string | null;
  unit_number: string | null;
  property: string | null;
  property_name: string | null;
  channel: string;
  status: ConversationStatus;
  category: ConversationCategory;
  urgency: Urgency;
  sentiment_score: number;
  ai_auto_responded: boolean;
  assigned_to: string;
  escalated: boolean;
  escalation_reason: string;
  last_message_at: string | null;
  last_message: string | null;
  last_direction: 'inbound' | 'outbound' | null;
  last_intent: string | null;
  unread_count: number;
  unmatched: boolean;
  contact_address: string;
  created_at: string;
}

export interface Classification {
  category?: ConversationCategory;
  urgency?: Urgency;
  intent?: string;
  sentiment?: number;
  confidence?: number;
  is_emergency?: boolean;
  provider?: string;
  emergency_kinds?: string[];
  maintenance_details?: { issue_type: string | null; location: string | null; severity: string };
}

export interface ThreadMessage {
  id: string;
  source: 'conversation' | 'outbox';
  direction: 'inbound' | 'outbound';
  channel: string;
  content: string;
  subject: string;
  is_ai_generated: boolean;
  is_auto_sent: boolean;
  ai_classification: Classification;
  sentiment: number;
  suggested_response: string;
  delivery: 'received' | 'sent' | 'held' | 'blocked' | 'failed';
  outbox_status: string | null;
  outbox_id: string | null;
  send_after: string | null;
  sent_by: string;
  work_order: { id: string; number: string } | null;
  read_at: string | null;
  created_at: string;
  feature: string;
}

export interface TenantProfile {
  tenant_id: string;
  name: string;
  phone: string;
  email: string;
  preferred_contact: string;
  unit: string | null;
  property: string | null;
  lease_status: string | null;
  rent: string | null;
  due_day: string | null;
  next_due_date: string | null;
  balance: string;
  overdue: string;
  lease_end_date: string | null;
  month_to_month: boolean;
  open_work_orders: {
    id: string;
    number: string;
    title: string;
    status: string;
    priority: string;
  }[];
  sentiment_30d: number | null;
  sentiment_sparkline: number[];
  risk_level: string | null;
  churn_probability: number | null;
}

export interface ConversationDetail extends Conversation {
  messages: ThreadMessage[];
  tenant_profile: TenantProfile | null;
  candidates: {
    tenant_id: string;
    name: string;
    unit: string | null;
    property: string | null;
    current_lease: boolean;
  }[];
}

export interface ConversationFilters {
  status?: string;
  category?: string;
  urgency?: string;
  unmatched?: string;
  search?: string;
  page?: number;
  page_size?: number;
}

export interface InboxStats {
  open: number;
  waiting_staff: number;
  waiting_tenant: number;
  resolved: number;
  emergencies: number;
  unmatched: number;
  unread: number;
  avg_response_minutes: number | null;
  avg_auto_response_seconds: number | null;
  auto_responded_30d: number;
}

export interface RecipientFilter {
  property_id?: string | null;
  building?: string;
  lifecycle?: string[];
  delinquent?: boolean | null;
}

export interface Broadcast {
  id: string;
  title: string;
  content: string;
  channels: string[];
  recipient_filter: RecipientFilter;
  recipient_count: number;
  sent_count: number;
  read_count: number;
  failed_count: number;
  skipped_count: number;
  held_count: number;
  status: 'draft' | 'sending' | 'sent';
  sent_at: string | null;
  created_by: string;
  property: string | null;
  property_name: string | null;
  created_at: string;
}

export interface BroadcastPreview {
  recipient_count: number;
  sms_addresses: number;
  email_addresses: number;
  properties: number;
}

export interface AtRiskTenant {
  tenant_id: string;
  tenant_name: string;
  unit: string | null;
  property: string | null;
  risk_level: 'high' | 'critical';
  churn_probability: number;
  sentiment_score: number;
  sentiment_trend: number[];
  contributing_factors: Record<string, unknown>;
  recommended_action: string;
  conversation_id: string | null;
}

export interface AtRiskResponse {
  at_risk_tenants: AtRiskTenant[];
  total_at_risk: number;
  critical: number;
  high: number;
}
