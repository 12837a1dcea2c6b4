import { CurrencyPipe, DatePipe, PercentPipe, UpperCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map, of } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { ConversationDetail, ConversationFilters, ThreadMessage } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { CommunicationsService } from '../../core/services/communications.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import {
  CATEGORY_LABELS,
  STATUS_LABELS,
  ago,
  deliveryLabel,
  intentLabel,
  riskTone,
  signed,
  sparklinePoints,
  urgencyTone,
} from './communications-format';

/** The inbox's quick filters (`?view=`), each a set of API filters. */
export const INBOX_VIEWS: { key: string; label: string; filters: ConversationFilters }[] = [
  { key: 'all', label: 'All', filters: {} },
  { key: 'emergency', label: 'Emergencies', filters: { category: 'emergency' } },
  { key: 'waiting', label: 'Waiting on staff', filters: { status: 'waiting_staff' } },
  { key: 'maintenance', label: 'Maintenance', filters: { category: 'maintenance' } },
  { key: 'billing', label: 'Billing', filters: { category: 'billing' } },
  { key: 'complaint', label: 'Complaints', filters: { category: 'complaint' } },
  { key: 'unmatched', label: 'Unmatched', filters: { unmatched: 'true' } },
  { key: 'resolved', label: 'Resolved', filters: { status: 'resolved' } },
];
export const INBOX_PAGE_SIZE = 30;

export function inboxFilters(view: string, q: string): ConversationFilters {
  const found = INBOX_VIEWS.find((v) => v.key === view) ?? INBOX_VIEWS[0];
  return { ...found.filters, search: q || undefined, page_size: INBOX_PAGE_SIZE };
}

/**
 * The tenant inbox (spec 5.3 wireframe): conversations with filters and urgency markers; the thread with the
 * AI's classification chips and suggested reply; the tenant's profile (rent, balance, lease end, open tickets,
 * sentiment sparkline, risk). `/communications/:conversationId` opens a thread. On a phone the panes stack and
 * an open thread replaces the list.
 */
@Component({
  selector: 'app-inbox',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CurrencyPipe,
    DatePipe,
    PercentPipe,
    UpperCasePipe,
    FormsModule,
    RouterLink,
    ToneBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './inbox.component.html',
  styleUrl: './inbox.component.css',
})
export class InboxComponent {
  private readonly api = inject(CommunicationsService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  protected readonly views = INBOX_VIEWS;
  protected readonly categoryLabels = CATEGORY_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly urgencyTone = urgencyTone;
  protected readonly riskTone = riskTone;
  protected readonly intentLabel = intentLabel;
  protected readonly signed = signed;
  protected readonly ago = ago;
  protected readonly deliveryLabel = deliveryLabel;
  protected readonly canReply = computed(() => this.auth.can('send_messages'));
  protected readonly canSimulate = computed(() => this.auth.can('run_agents'));

  protected readonly selectedId = toSignal(
    this.route.paramMap.pipe(map((p) => p.get('conversationId'))),
    { initialValue: null },
  );
  private readonly queryParams = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly view = computed(() => this.queryParams().get('view') ?? 'all');
  protected readonly q = computed(() => this.queryParams().get('q') ?? '');
  protected searchText = '';
  private readonly version = signal(0);

  protected readonly list = rxResource({
    params: () => ({ filters: inboxFilters(this.view(), this.q()), v: this.version() }),
    stream: ({ params }) => this.api.getConversations(params.filters),
  });
  protected readonly stats = rxResource({
    params: () => this.version(),
    stream: () => this.api.getStats(),
  });
  protected readonly detail = rxResource<
    ConversationDetail | null,
    { id: string | null; v: number }
  >({
    params: () => ({ id: this.selectedId(), v: this.version() }),
    stream: ({ params }) => (params.id ? this.api.getConversation(params.id) : of(null)),
  });

  protected readonly replyText = signal('');
  protected readonly replyChannel = signal<'sms' | 'email' | 'in_app'>('sms');
  protected readonly sending = signal(false);

  /** The newest inbound message's suggested reply (what the AI proposes staff send). */
  protected readonly suggestion = computed(() => {
    const d = this.detail.value();
    if (!d) return '';
    const inbound = d.messages.filter((m) => m.direction === 'inbound');
    return inbound.length ? inbound[inbound.length - 1].suggested_response : '';
  });
  protected readonly sparkline = computed(() =>
    sparklinePoints(this.detail.value()?.tenant_profile?.sentiment_sparkline ?? []),
  );

  protected setView(key: string): void {
    void this.router.navigate([], {
      queryParams: { view: key === 'all' ? null : key },
      queryParamsHandling: 'merge',
    });
  }

  protected search(): void {
    void this.router.navigate([], {
      queryParams: { q: this.searchText.trim() || null },
      queryParamsHandling: 'merge',
    });
  }

  protected useSuggestion(): void {
    this.replyText.set(this.suggestion());
  }

  protected send(d: ConversationDetail): void {
    const text = this.replyText().trim();
    if (!text) return;
    this.sending.set(true);
    this.api.reply(d.id, text, this.replyChannel()).subscribe({
      next: () => {
        this.sending.set(false);
        this.replyText.set('');
        this.toast.success(`Reply sent by ${this.replyChannel() === 'email' ? 'email' : 'SMS'}.`);
        this.version.update((v) => v + 1);
      },
      error: (err) => {
        this.sending.set(false);
        this.toast.error(errorMessage(err));
      },
    });
  }

  protected setStatus(d: ConversationDetail, status: string): void {
    this.api.setStatus(d.id, status).subscribe({
      next: () => this.version.update((v) => v + 1),
      error: (err) => this.toast.error(errorMessage(err)),
    });
  }

  protected assign(d: ConversationDetail, tenantId: string): void {
    this.api.assign(d.id, tenantId).subscribe({
      next: (moved) => void this.router.navigate(['/communications', moved.id]),
      error: (err) => this.toast.error(errorMessage(err)),
    });
  }

  protected simulate(): void {
    this.api.simulate(3).subscribe({
      next: () => {
        this.toast.success('Three tenant messages simulated.');
        this.version.update((v) => v + 1);
      },
      error: (err) => this.toast.error(errorMessage(err)),
    });
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected message(err: unknown): string {
    return errorMessage(err);
  }

  protected chips(m: ThreadMessage): string[] {
    const c = m.ai_classification ?? {};
    const out: string[] = [];
    if (c.intent) out.push(intentLabel(c.intent));
    if (typeof c.confidence === 'number') out.push(`${Math.round(c.confidence * 100)}% sure`);
    if (typeof c.sentiment === 'number') out.push(`sentiment ${signed(c.sentiment)}`);
    const details = c.maintenance_details;
    if (details?.issue_type) out.push(details.issue_type);
    if (details?.location) out.push(details.location);
    return out;
  }

  protected featureLabel(feature: string): string {
    const labels: Record<string, string> = {
      renewals: 'Renewals',
      collections: 'Collections',
      'communications.broadcast': 'Broadcast',
      notifications: 'Alert',
    };
    return labels[feature] ?? (feature || 'UnitCycle');
  }
}
