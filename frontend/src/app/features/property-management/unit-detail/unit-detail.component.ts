import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { Equipment, LeaseStatus } from '../../../core/models';
import { CollectionsService } from '../../../core/services/collections.service';
import { LifecycleService } from '../../../core/services/lifecycle.service';
import { RenewalService } from '../../../core/services/renewal.service';
import { TenantService } from '../../../core/services/tenant.service';
import { UnitService } from '../../../core/services/unit.service';
import { errorMessage } from '../../../core/utils/api-error';
import { daysBetween, parseIsoDate, startOfDay } from '../../../core/utils/dates';
import { ChurnRiskBadgeComponent } from '../../../shared/components/churn-risk-badge.component';
import { ChurnScoreGaugeComponent } from '../../../shared/components/churn-score-gauge.component';
import { EscalationDotsComponent } from '../../../shared/components/escalation-dots.component';
import { LeaseProgressComponent } from '../../../shared/components/lease-progress.component';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../shared/components/state-views.component';
import { AppDatePipe } from '../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import { ledgerWithRunningBalance, signedAmount } from './ledger';
import { UnitStatCellComponent } from './unit-stat-cell.component';

export const UNIT_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'tenant', label: 'Tenant' },
  { id: 'financials', label: 'Financials' },
  { id: 'maintenance', label: 'Maintenance' },
  { id: 'compliance', label: 'Compliance' },
] as const;
export type UnitTab = (typeof UNIT_TABS)[number]['id'];

export type WarrantyState = 'active' | 'expiring' | 'expired' | 'none';

export function warrantyState(e: Pick<Equipment, 'warranty_expiration'>, today = new Date()): WarrantyState {
  const exp = parseIsoDate(e.warranty_expiration);
  if (!exp) return 'none';
  const days = daysBetween(startOfDay(today), exp);
  if (days < 0) return 'expired';
  return days <= 90 ? 'expiring' : 'active';
}

/**
 * Unit detail (spec 0.0): header with the lifecycle badge, stat row (Monthly Rent | Tenant |
 * Lease Progress | Balance | Churn Risk), and tabs. The Balance cell carries the 1.3 Collections badge
 * (escalation dots, link to the case); the Churn Risk cell (1.2) shows for active/MTM leases with a
 * renewal recommendation. Later features add cards in the tabs (2.2, 2.3).
 */
@Component({
  selector: 'app-unit-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    LeaseStatusBadgeComponent,
    LeaseProgressComponent,
    UnitStatCellComponent,
    EscalationDotsComponent,
    ChurnScoreGaugeComponent,
    ChurnRiskBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './unit-detail.component.html',
  styleUrl: './unit-detail.component.css',
})
export class UnitDetailComponent {
  private readonly units = inject(UnitService);
  private readonly lifecycle = inject(LifecycleService);
  private readonly tenants = inject(TenantService);
  private readonly collections = inject(CollectionsService);
  private readonly renewals = inject(RenewalService);
  private readonly router = inject(Router);

  /** Route param and `?tab=` query param. */
  readonly id = input.required<string>();
  readonly tab = input<string | undefined>();

  protected readonly tabs = UNIT_TABS;
  protected readonly activeTab = computed<UnitTab>(() => {
    const t = this.tab();
    return UNIT_TABS.some((x) => x.id === t) ? (t as UnitTab) : 'overview';
  });

  protected readonly unit = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.units.getUnit(params),
  });
  protected readonly leases = rxResource({
    params: () => this.id(),
    stream: ({ params }) =>
      this.lifecycle.getLeases({ unit: params, ordering: '-lease_begin_date', page_size: 5 }),
  });

  /** The unit's current lease: the most recent one. */
  protected readonly lease = computed(() =>
    this.leases.hasValue() ? (this.leases.value().results[0] ?? null) : null,
  );
  protected readonly pastLeases = computed(() => (this.leases.hasValue() ? this.leases.value().results.slice(1) : []));
  /** The badge shows the lease's lifecycle state (not the unit status); no lease at all is vacant. */
  protected readonly lifecycleState = computed<LeaseStatus | null>(() => {
    if (!this.leases.hasValue()) return null;
    return this.lease()?.lease_status ?? 'vacant';
  });
  private readonly tenantId = computed(() => {
    const l = this.lease();
    return l && l.lease_status !== 'vacant' ? l.tenant : undefined;
  });

  protected readonly tenant = rxResource({
    params: () => this.tenantId(),
    stream: ({ params }) => this.tenants.getTenant(params),
  });
  protected readonly ledger = rxResource({
    params: () => this.tenantId(),
    stream: ({ params }) => this.tenants.getLedger(params, 100),
  });
  protected readonly workOrders = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.units.getWorkOrders(params),
  });
  protected readonly equipment = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.units.getEquipment(params),
  });

  protected readonly balance = computed(() => (this.tenant.hasValue() ? Number(this.tenant.value().balance) : null));

  /** 1.3: the tenant's unresolved collection case, looked up only when they owe something. */
  private readonly collectionCaseRes = rxResource({
    params: () => (this.tenant.hasValue() && Number(this.tenant.value().balance) > 0 ? this.tenant.value().id : undefined),
    stream: ({ params }) => this.collections.getOpenCaseForTenant(params),
  });
  protected readonly collectionCase = computed(() =>
    this.collectionCaseRes.hasValue() ? this.collectionCaseRes.value() : null,
  );

  /** 1.2: the latest renewal recommendation of an active or month-to-month lease. */
  private readonly renewalRes = rxResource({
    params: () => {
      const l = this.lease();
      return l && (l.lease_status === 'active' || l.lease_status === 'month_to_month') ? l.id : undefined;
    },
    stream: ({ params }) => this.renewals.getLatestForLease(params),
  });
  protected readonly renewal = computed(() => (this.renewalRes.hasValue() ? this.renewalRes.value() : null));

  protected readonly ledgerRows = computed(() => {
    if (!this.ledger.hasValue()) return [];
    const page = this.ledger.value();
    return ledgerWithRunningBalance(page.results, {
      complete: page.count <= page.results.length,
      currentBalance: this.balance(),
    });
  });
  protected readonly ledgerTotals = computed(() => {
    let charges = 0;
    let paid = 0;
    for (const r of this.ledgerRows()) {
      const s = signedAmount(r);
      if (s > 0) charges += s;
      else paid -= s;
    }
    return { charges, paid };
  });

  protected readonly woStatus = signal<string>('all');
  protected readonly woStatuses = computed(() => {
    if (!this.workOrders.hasValue()) return [];
    const counts = new Map<string, number>();
    for (const w of this.workOrders.value().results) counts.set(w.status, (counts.get(w.status) ?? 0) + 1);
    return [...counts.entries()].map(([status, count]) => ({ status, count }));
  });
  protected readonly filteredWorkOrders = computed(() => {
    if (!this.workOrders.hasValue()) return [];
    const s = this.woStatus();
    const all = this.workOrders.value().results;
    return s === 'all' ? all : all.filter((w) => w.status === s);
  });

  protected readonly rentGap = computed(() => {
    if (!this.unit.hasValue()) return null;
    const u = this.unit.value();
    const current = Number(this.lease()?.monthly_rent_amount ?? u.current_rent) || 0;
    const market = Number(u.market_rent) || 0;
    if (!market) return null;
    const gap = market - current;
    return { current, market, gap, pct: Math.round((gap / market) * 1000) / 10, ratio: Math.min(100, (current / market) * 100) };
  });

  protected readonly amenities = computed(() => {
    if (!this.unit.hasValue()) return [];
    const a = this.unit.value().amenities;
    if (!a) return [];
    return Array.isArray(a) ? a : String(a).split(',').map((s) => s.trim()).filter(Boolean);
  });

  /** Whether the unit has a current (non-vacant) tenant whose account we load. */
  protected readonly tenantIdKnown = computed(() => !!this.tenantId());

  protected readonly warrantyState = warrantyState;

  protected countWarranty(items: Equipment[], state: string): number {
    return items.filter((e) => warrantyState(e) === state).length;
  }
  protected readonly message = errorMessage;

  protected selectTab(tab: UnitTab): void {
    void this.router.navigate([], {
      queryParams: { tab: tab === 'overview' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** "water_heater" → "water heater" (capitalised by CSS); acronyms stay upper case. */
  protected label(value: string | null | undefined): string {
    const v = (value ?? '').replace(/_/g, ' ');
    return /^(hvac)$/i.test(v) ? v.toUpperCase() : v;
  }
}
