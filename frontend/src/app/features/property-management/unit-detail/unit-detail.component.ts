import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { LeaseStatus } from '../../../core/models';
import { CollectionsService } from '../../../core/services/collections.service';
import { LifecycleService } from '../../../core/services/lifecycle.service';
import { RenewalService } from '../../../core/services/renewal.service';
import { TenantService } from '../../../core/services/tenant.service';
import { UnitService } from '../../../core/services/unit.service';
import { errorMessage } from '../../../core/utils/api-error';
import { ChurnRiskBadgeComponent } from '../../../shared/components/churn-risk-badge.component';
import { ChurnScoreGaugeComponent } from '../../../shared/components/churn-score-gauge.component';
import { EscalationDotsComponent } from '../../../shared/components/escalation-dots.component';
import { LeaseProgressComponent } from '../../../shared/components/lease-progress.component';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../shared/components/state-views.component';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import { UnitComplianceTabComponent } from './tabs/compliance-tab.component';
import { UnitFinancialsTabComponent } from './tabs/financials-tab.component';
import { UnitMaintenanceTabComponent } from './tabs/maintenance-tab.component';
import { UnitOverviewTabComponent } from './tabs/overview-tab.component';
import { UnitTenantTabComponent } from './tabs/tenant-tab.component';
import { UnitTab, visibleUnitTabs } from './unit-detail-cards';
import { UnitStatCellComponent } from './unit-stat-cell.component';

/**
 * Unit detail (spec 0.0): header with the lifecycle badge, stat row (Monthly Rent | Tenant |
 * Lease Progress | Balance | Churn Risk), and tabs. The Balance cell carries the 1.3 Collections badge
 * (escalation dots, link to the case); the Churn Risk cell (1.2) shows for active/MTM leases with a
 * renewal recommendation. Each tab is its own component that loads its data when first shown (the
 * Overview needs nothing beyond the unit and its leases); features add cards to a tab through
 * `provideUnitDetailCard` (unit-detail-cards.ts) without editing this page.
 */
@Component({
  selector: 'app-unit-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    LeaseStatusBadgeComponent,
    LeaseProgressComponent,
    UnitStatCellComponent,
    EscalationDotsComponent,
    ChurnScoreGaugeComponent,
    ChurnRiskBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    UnitOverviewTabComponent,
    UnitTenantTabComponent,
    UnitFinancialsTabComponent,
    UnitMaintenanceTabComponent,
    UnitComplianceTabComponent,
  ],
  templateUrl: './unit-detail.component.html',
  styleUrls: ['./unit-detail.component.css', './tabs/unit-tab.css'],
})
export class UnitDetailComponent {
  private readonly units = inject(UnitService);
  private readonly lifecycle = inject(LifecycleService);
  private readonly tenants = inject(TenantService);
  private readonly collections = inject(CollectionsService);
  private readonly renewals = inject(RenewalService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  /** Route param and `?tab=` query param. */
  readonly id = input.required<string>();
  readonly tab = input<string | undefined>();

  /** The tabs whose data the role may read (a hidden tab's `?tab=` shows the Overview). */
  protected readonly tabs = computed(() => visibleUnitTabs((p) => this.auth.can(p)));
  protected readonly activeTab = computed<UnitTab>(() => {
    const t = this.tab();
    return this.tabs().some((x) => x.id === t) ? (t as UnitTab) : 'overview';
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
  protected readonly balance = computed(() =>
    this.tenant.hasValue() ? Number(this.tenant.value().balance) : null,
  );

  /** 1.3: the tenant's unresolved collection case, looked up only when they owe something (and the role sees cases). */
  private readonly collectionCaseRes = rxResource({
    params: () =>
      this.auth.can('view_collections') &&
      this.tenant.hasValue() &&
      Number(this.tenant.value().balance) > 0
        ? this.tenant.value().id
        : undefined,
    stream: ({ params }) => this.collections.getOpenCaseForTenant(params),
  });
  protected readonly collectionCase = computed(() =>
    this.collectionCaseRes.hasValue() ? this.collectionCaseRes.value() : null,
  );

  /** 1.2: the latest renewal recommendation of an active or month-to-month lease (for roles that see renewals). */
  private readonly renewalRes = rxResource({
    params: () => {
      const l = this.lease();
      if (!this.auth.can('view_renewals')) return undefined;
      return l && (l.lease_status === 'active' || l.lease_status === 'month_to_month')
        ? l.id
        : undefined;
    },
    stream: ({ params }) => this.renewals.getLatestForLease(params),
  });
  protected readonly renewal = computed(() =>
    this.renewalRes.hasValue() ? this.renewalRes.value() : null,
  );

  /** Whether the unit has a current (non-vacant) tenant whose account we load. */
  protected readonly tenantIdKnown = computed(() => !!this.tenantId());

  protected readonly message = errorMessage;

  protected selectTab(tab: UnitTab): void {
    void this.router.navigate([], {
      queryParams: { tab: tab === 'overview' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
