import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { environment } from '../../../environments/environment';
import { SILENT_ERRORS } from '../http/http-context';
import { IsoDate, IsoDateTime, LeaseStatus, Money, Paginated } from '../models';
import { Job, JobService } from './job.service';

// ── shapes of /api/v1/portfolio/ (spec 1.4) ─────────────────────────────────────────────────────────────

export type ActionType =
  | 'early_renewal_nudge'
  | 'renewal_offer'
  | 'rent_increase_notice'
  | 'move_out_inspection'
  | 'listing_prep'
  | 'eviction_prep';

export type ActionPriority = 'low' | 'medium' | 'high' | 'urgent';
export type RiskLevel = 'good_history' | 'standard' | 'repeat_offender' | 'chronic';
export type RiskChoice = RiskLevel | 'none';
export type BulkMethod = 'email' | 'sms' | 'both' | 'manual';
export type BatchStatus = 'pending' | 'running' | 'sent' | 'partial' | 'failed' | 'cancelled';

export const RISK_LEVELS: readonly RiskLevel[] = [
  'good_history',
  'standard',
  'repeat_offender',
  'chronic',
];

/** The unit's top open AI recommendation. */
export interface AIActionBrief {
  id: string;
  action_type: ActionType;
  label: string;
  description: string;
  /** 0.60–0.99 */
  confidence: number;
  priority: ActionPriority;
  status: string;
  reason: string;
}

/** Something already in flight on the lease (tenants.open_items): the agents do not contradict it. */
export interface OpenItem {
  kind: 'renewal_offer' | 'rent_increase_notice' | 'collection_case' | 'payment_plan';
  object_id: string;
  status: string;
  /** In words, e.g. "Renewal offer sent $891.00 (+8.0%)". */
  label: string;
  amount: string | null;
  change_pct: number | null;
  date: string | null;
}

export interface CommandCenterRow {
  id: string;
  unit_number: string;
  building: string;
  property_id: string;
  property_name: string;
  lifecycle_state: LeaseStatus;
  lease_id: string | null;
  tenant_id: string | null;
  tenant_name: string | null;
  rent: Money | null;
  market_rent: Money | null;
  /** Rent − market rent (negative: below market); null for a vacant unit or without a market rent. */
  market_gap: Money | null;
  /** The gap as a % of the market rent (−8.5 = 8.5 % below market). */
  market_gap_pct: number | null;
  open_items: OpenItem[];
  event_date: IsoDate | null;
  /** event date − today: lease end (active; negative = holdover days for MTM), move-out (notice), days vacant (negative). */
  days_to_event: number | null;
  risk_level: RiskLevel | null;
  collections_case_id: string | null;
  balance: Money | null;
  overdue_balance: Money | null;
  ai_action: AIActionBrief | null;
  ai_action_count: number;
}

/** Units per lifecycle state under every filter but the lifecycle one; total / total_rent under all of them. */
export interface CommandCenterSummary {
  active: number;
  month_to_month: number;
  notice: number;
  vacant: number;
  total: number;
  /** occupied_rent + vacant_asking_rent of the units shown. */
  total_rent: Money;
  /** What the tenants of the shown occupied units pay (for all units: the dashboard's rent roll). */
  occupied_rent: Money;
  /** The market (asking) rent of the shown vacant units. */
  vacant_asking_rent: Money;
}

export interface CommandCenterPage extends Paginated<CommandCenterRow> {
  today: IsoDate;
  summary: CommandCenterSummary;
}

export interface CommandCenterFilters {
  lifecycle_state?: readonly LeaseStatus[];
  property?: string | null;
  building?: string | null;
  risk_level?: readonly RiskChoice[];
  min_rent?: number | string | null;
  max_rent?: number | string | null;
  /** Rent vs market in %, bounds (the "gap to market" filter). */
  gap_pct_min?: number | null;
  gap_pct_max?: number | null;
  days_to_event__gte?: number | null;
  days_to_event__lte?: number | null;
  ai_action?: readonly ActionType[];
  search?: string | null;
  /** days_to_event (default), rent, risk, confidence, unit_number, property, tenant, state; "-" reverses. */
  ordering?: string | null;
}

export interface SelectAllResult {
  count: number;
  unit_ids: string[];
  /** Parallel to unit_ids. */
  rents: (Money | null)[];
  total_rent: Money;
  truncated: boolean;
}

/**
 * Another screen (the portfolio chat) opening the command center with units selected and a bulk action's preview
 * open: passed as the navigation's `state.bulk` (not in the URL: up to 500 ids).
 */
export interface BulkPreselection {
  action_type: string;
  unit_ids: string[];
  /** Parallel to unit_ids (the running total of the selected rent). */
  rents?: (Money | null)[];
}

export const BULK_PRESELECTION_STATE = 'bulk';

export interface ActionTypeInfo {
  action_type: ActionType;
  label: string;
  bulk_label: string;
  methods: BulkMethod[];
  tenant_facing: boolean;
}

export interface BulkPreviewUnit {
  unit_id: string;
  unit_number: string;
  property_name: string;
  tenant_name: string | null;
  eligible: boolean;
  error: string | null;
  summary: string;
  figures: Record<string, unknown>;
  content_shown: boolean;
  subject: string | null;
  content: string | null;
  sms_text: string | null;
  provider: string | null;
  ai_action_id: string | null;
}

export interface BulkPreview {
  action_type: ActionType;
  label: string;
  methods: BulkMethod[];
  count: number;
  eligible_count: number;
  ineligible_count: number;
  shown_count: number;
  units: BulkPreviewUnit[];
}

export interface BulkUnitResult {
  unit_id: string;
  unit_number: string | null;
  tenant_name: string | null;
  ok: boolean;
  status: 'done' | 'skipped' | 'failed';
  detail: string;
  renewal_id?: string | null;
  work_order_id?: string;
  work_order_number?: string;
  rent_increase_notice_id?: string;
  collections_case_id?: string;
  outbox_message_ids?: string[];
}

export interface BulkActionBatch {
  id: string;
  action_type: ActionType;
  label: string;
  unit_count: number;
  method: BulkMethod;
  scheduled_for: IsoDateTime | null;
  status: BatchStatus;
  result_summary: string;
  executed_by: string;
  created_at: IsoDateTime;
  started_at: IsoDateTime | null;
  completed_at: IsoDateTime | null;
  processed_count: number;
  succeeded_count: number;
  skipped_count: number;
  failed_count: number;
  unit_ids: string[];
  results: BulkUnitResult[];
}

export interface BulkActionRequest {
  action_type: ActionType;
  unit_ids: string[];
  method: BulkMethod;
  scheduled_for?: IsoDateTime | null;
}

export interface RunAgentResult {
  status: 'completed' | 'queued';
  summary: string | null;
  task_id: string | null;
}

/** The most units one bulk action (one batch) takes; the screen splits bigger selections. */
export const MAX_BATCH_UNITS = 500;

/** A batch that has finished (nothing more will change). */
export function isBatchFinished(batch: Pick<BulkActionBatch, 'status'>): boolean {
  return (
    batch.status === 'sent' ||
    batch.status === 'partial' ||
    batch.status === 'failed' ||
    batch.status === 'cancelled'
  );
}

/** Query params for the list, select-all and export: lists comma-joined, empty values left out. */
export function commandCenterParams(
  filters: CommandCenterFilters | null | undefined,
  extra: Record<string, string | number> = {},
): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries({ ...(filters ?? {}), ...extra })) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params = params.set(key, value.join(','));
      continue;
    }
    params = params.set(key, String(value));
  }
  return params;
}

/**
 * Portfolio command center API (spec 1.4, `/api/v1/portfolio/`): the unit list over the whole portfolio,
 * "select all", CSV export, the AI agent, and bulk actions (preview → execute → batch results).
 * Actions are SILENT: the modal shows the API's `detail` itself.
 */
@Injectable({ providedIn: 'root' })
export class CommandCenterService {
  private readonly http = inject(HttpClient);
  private readonly jobs = inject(JobService);
  private readonly url = `${environment.apiUrl}/portfolio`;

  /** One page of units (page_size up to 500) with the summary per lifecycle state. */
  getUnits(filters: CommandCenterFilters, page = 1, pageSize = 200): Observable<CommandCenterPage> {
    return this.http.get<CommandCenterPage>(`${this.url}/command-center/`, {
      params: commandCenterParams(filters, { page, page_size: pageSize }),
    });
  }

  /** Every unit id matching the filters (up to 10,000) and their rents: "Select all (N)". */
  selectAll(filters: CommandCenterFilters): Observable<SelectAllResult> {
    return this.http.get<SelectAllResult>(`${this.url}/command-center/select-all/`, {
      params: commandCenterParams(filters),
    });
  }

  /** The current filter and sort as CSV (every row). */
  exportCsv(filters: CommandCenterFilters): Observable<Blob> {
    return this.http.get(`${this.url}/command-center/export/`, {
      params: commandCenterParams(filters),
      responseType: 'blob',
    });
  }

  getActionTypes(): Observable<ActionTypeInfo[]> {
    return this.http.get<ActionTypeInfo[]>(`${this.url}/bulk-actions/action-types/`);
  }

  /** Per-unit eligibility and the content that would be sent (first `limit` eligible units). Sends nothing. */
  preview(actionType: ActionType, unitIds: string[], limit = 10): Observable<BulkPreview> {
    return this.http.post<BulkPreview>(
      `${this.url}/bulk-actions/preview/`,
      { action_type: actionType, unit_ids: unitIds, limit },
      { context: silent() },
    );
  }

  /** Records a batch and runs it (201 finished) or queues it (202: pending / running; poll getBatch). */
  execute(request: BulkActionRequest): Observable<BulkActionBatch> {
    return this.http.post<BulkActionBatch>(`${this.url}/bulk-actions/`, request, {
      context: silent(),
    });
  }

  /** The bulk-action history, newest first (`action_type` / `status` filter it). */
  getBatches(filters: {
    action_type?: string;
    status?: string;
    page?: number;
    page_size?: number;
  }): Observable<Paginated<BulkActionBatch>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(filters)) {
      if (value !== undefined && value !== null && value !== '')
        params = params.set(key, String(value));
    }
    return this.http.get<Paginated<BulkActionBatch>>(`${this.url}/bulk-actions/`, { params });
  }

  getBatch(id: string): Observable<BulkActionBatch> {
    return this.http.get<BulkActionBatch>(`${this.url}/bulk-actions/${id}/`, { context: silent() });
  }

  cancelBatch(id: string): Observable<BulkActionBatch> {
    return this.http.post<BulkActionBatch>(
      `${this.url}/bulk-actions/${id}/cancel/`,
      {},
      { context: silent() },
    );
  }

  /** Runs the nightly AI agent now (200 with its summary, or 202 when a worker takes it). */
  /** Starts the nightly agent as a background job and follows it to the end (core/jobs). */
  runAgent(): Observable<RunAgentResult> {
    return this.jobs
      .run(
        this.http.post<Job<{ summary: string }>>(
          `${this.url}/ai-queue/run/`,
          {},
          { context: silent() },
        ),
      )
      .pipe(
        map((job) => ({ status: 'completed' as const, summary: job.summary, task_id: job.id })),
      );
  }
}

function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
