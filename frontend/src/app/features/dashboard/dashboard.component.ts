import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { DashboardService } from '../../core/services/dashboard.service';
import { LifecycleService } from '../../core/services/lifecycle.service';
import { PropertyService } from '../../core/services/property.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { LifecycleBarComponent } from '../../shared/components/lifecycle-bar.component';
import { StatCardComponent } from '../../shared/components/stat-card.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { DASHBOARD_CARDS, DASHBOARD_WIDGETS, visibleCards } from './dashboard-cards';

@Component({
  selector: 'app-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    NgComponentOutlet,
    StatCardComponent,
    LifecycleBarComponent,
    MoneyPipe,
    AppDatePipe,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './dashboard.component.html',
  styleUrl: './dashboard.component.css',
})
export class DashboardComponent {
  private readonly dashboard = inject(DashboardService);
  private readonly lifecycle = inject(LifecycleService);
  private readonly propertyService = inject(PropertyService);
  protected readonly auth = inject(AuthService);

  /** The cards whose data the role may see; a card's link only when the role may open its screen. */
  protected readonly cards = computed(() =>
    visibleCards(DASHBOARD_CARDS, (p) => this.auth.can(p)).map((c) =>
      c.linkPermission && !this.auth.can(c.linkPermission)
        ? { ...c, link: undefined, linkLabel: undefined }
        : c,
    ),
  );
  protected readonly widgets = computed(() =>
    visibleCards(DASHBOARD_WIDGETS, (p) => this.auth.can(p)).map((w) => w.component),
  );

  protected readonly stats = rxResource({ stream: () => this.dashboard.getStats() });
  protected readonly lifecycleStats = rxResource({ stream: () => this.lifecycle.getStats() });
  /** Active leases ending soonest: the renewals to work on first. */
  protected readonly endingSoon = rxResource({
    stream: () =>
      this.lifecycle.getLeases({
        lease_status: 'active',
        lease_end_date__gte: toIsoDate(new Date()),
        ordering: 'lease_end_date',
        page_size: 6,
      }),
  });
  protected readonly properties = rxResource({
    stream: () => this.propertyService.getProperties({ page_size: 8, ordering: 'name' }),
  });

  protected readonly greeting = computed(() => {
    const h = new Date().getHours();
    return h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening';
  });
  protected readonly today = new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date());

  protected readonly message = errorMessage;
}
