import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Subject, debounceTime, map, of } from 'rxjs';

import {
  InboundMessage,
  MessageFilters,
  OutboxMessage,
  Paginated,
  Tenant,
} from '../../core/models';
import { AuthService } from '../../core/auth/auth.service';
import { ToastService } from '../../core/notifications/toast.service';
import { MessagesService } from '../../core/services/messages.service';
import { TenantService } from '../../core/services/tenant.service';
import { errorMessage } from '../../core/utils/api-error';
import { IconComponent } from '../../shared/components/icon.component';
import { PaginationComponent } from '../../shared/components/pagination.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { channelLabel, deliveryInWords, scheduledInWords } from '../../shared/utils/wording';
import { excerpt, featureLabel, inboundStatusLabel } from './messages-format';

export const MESSAGES_PAGE_SIZE = 25;
export type MessagesTab = 'sent' | 'received';

/** The URL's query string is the screen's state: `?tab=received&channel=sms&status=failed&q=…&tenant=…&page=2`. */
export interface MessagesQuery {
  tab: MessagesTab;
  channel: '' | 'sms' | 'email';
  status: string;
  q: string;
  tenant: string;
  page: number;
}

export function readMessagesQuery(params: Record<string, string | undefined>): MessagesQuery {
  const page = Number(params['page']);
  return {
    tab: params['tab'] === 'received' ? 'received' : 'sent',
    channel: params['channel'] === 'sms' || params['channel'] === 'email' ? params['channel'] : '',
    status: params['status'] ?? '',
    q: params['q'] ?? '',
    tenant: params['tenant'] ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/**
 * Messages: every SMS and email UnitCycle sent (the outbox: with no provider configured they wait here) and every
 * message tenants sent in, overall or for one tenant (`?tenant=`: matched on their email and phone).
 */
@Component({
  selector: 'app-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    IconComponent,
    PaginationComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './messages.component.html',
  styleUrl: './messages.component.css',
})
export class MessagesComponent {
  private readonly messages = inject(MessagesService);
  private readonly tenants = inject(TenantService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** Retrying a failed message sends it: for roles that may send messages. */
  protected readonly canRetry = computed(() => this.auth.can('send_messages'));
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly pageSize = MESSAGES_PAGE_SIZE;
  protected readonly query = toSignal(
    this.route.queryParams.pipe(map((p) => readMessagesQuery(p as Record<string, string>))),
    { initialValue: readMessagesQuery({}) },
  );
  protected readonly searchText = signal(this.query().q);
  private readonly searchInput = new Subject<string>();
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly retrying = signal<string | null>(null);

  protected readonly tenant = rxResource<Tenant | null, string>({
    params: () => this.query().tenant,
    stream: ({ params: id }) => (id ? this.tenants.getTenant(id) : of(null)),
  });

  /** The API filters for the current tab; `null` while a tenant's contact details are still loading. */
  private readonly filters = computed<MessageFilters | null>(() => {
    const q = this.query();
    let contact = '';
    if (q.tenant) {
      const t = this.tenant.value();
      if (!t) return null;
      contact = [t.email, t.phone].filter(Boolean).join(',');
    }
    return {
      channel: q.channel,
      status: q.tab === 'sent' ? q.status : '',
      search: q.q,
      contact,
      page: q.page,
      page_size: MESSAGES_PAGE_SIZE,
    };
  });

  protected readonly sent = rxResource<
    Paginated<OutboxMessage> | null,
    MessageFilters | null | undefined
  >({
    params: () => (this.query().tab === 'sent' ? this.filters() : undefined),
    stream: ({ params }) => (params ? this.messages.getOutbox(params) : of(null)),
  });

  protected readonly received = rxResource<
    Paginated<InboundMessage> | null,
    MessageFilters | null | undefined
  >({
    params: () => (this.query().tab === 'received' ? this.filters() : undefined),
    stream: ({ params }) => (params ? this.messages.getInbound(params) : of(null)),
  });

  protected readonly tenantName = computed(() => {
    const t = this.tenant.value();
    return t ? `${t.first_name} ${t.last_name}`.trim() : '';
  });
  /** Any message on this page that waits in the outbox because no provider is configured. */
  protected readonly providerless = computed(() =>
    (this.sent.value()?.results ?? []).some((m) => m.status === 'stored' || m.backend === 'outbox'),
  );
  protected readonly hasFilters = computed(() => {
    const q = this.query();
    return !!(q.channel || q.status || q.q);
  });

  protected readonly message = errorMessage;
  protected readonly channelName = channelLabel;
  protected readonly featureName = featureLabel;
  protected readonly inboundStatus = inboundStatusLabel;
  protected readonly excerpt = excerpt;
  protected readonly scheduled = scheduledInWords;
  protected readonly delivery = (status: string, channel: string) =>
    deliveryInWords(status, channel, { onMessagesScreen: true });

  constructor() {
    this.searchInput.pipe(debounceTime(300)).subscribe((q) => this.setQuery({ q }));
  }

  protected setQuery(change: Partial<MessagesQuery>): void {
    const next = { ...this.query(), page: 1, ...change };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        tab: next.tab === 'sent' ? null : next.tab,
        channel: next.channel || null,
        status: next.status || null,
        q: next.q || null,
        tenant: next.tenant || null,
        page: next.page > 1 ? next.page : null,
      },
    });
  }

  protected onSearch(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text.trim());
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.setQuery({ channel: '', status: '', q: '' });
  }

  protected toggle(id: string): void {
    this.expanded.update((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected retry(m: OutboxMessage): void {
    if (this.retrying()) return;
    this.retrying.set(m.id);
    this.messages.retry(m.id).subscribe({
      next: (fresh) => {
        this.retrying.set(null);
        const words = deliveryInWords(fresh.status, fresh.channel);
        if (words.ok) this.toast.success(`Sent again: ${words.detail}.`);
        else this.toast.error(fresh.error || words.detail);
        this.sent.reload();
      },
      error: (err) => {
        this.retrying.set(null);
        this.toast.error(errorMessage(err));
      },
    });
  }
}
