import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { LifecycleService } from '../../../core/services/lifecycle.service';
import { PropertyService } from '../../../core/services/property.service';
import { RenewalService } from '../../../core/services/renewal.service';
import { errorMessage } from '../../../core/utils/api-error';
import { IconComponent } from '../../../shared/components/icon.component';
import { LifecycleBarComponent } from '../../../shared/components/lifecycle-bar.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../shared/components/state-views.component';
import { ChurnDot, HoneycombGridComponent } from './honeycomb-grid.component';

/** Property header with the lifecycle summary, and the honeycomb of its units. */
@Component({
  selector: 'app-property-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    IconComponent,
    LifecycleBarComponent,
    HoneycombGridComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './property-detail.component.html',
  styleUrl: './property-detail.component.css',
})
export class PropertyDetailComponent {
  private readonly propertyService = inject(PropertyService);
  private readonly lifecycle = inject(LifecycleService);
  private readonly renewals = inject(RenewalService);

  /** Route param. */
  readonly id = input.required<string>();

  protected readonly property = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.propertyService.getProperty(params),
  });
  protected readonly stats = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.lifecycle.getStats({ property: params }),
  });
  protected readonly grid = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.propertyService.getUnitGrid(params),
  });

  private readonly auth = inject(AuthService);

  /** 1.2: open renewal recommendations of the property (one request), for the tooltip's churn dot; only
   * for a role that sees renewals. */
  private readonly churn = rxResource({
    params: () => (this.auth.can('view_renewals') ? this.id() : undefined),
    stream: ({ params }) =>
      this.renewals.getRecommendations({
        property: params,
        status: 'pending,approved,sent',
        page_size: 500,
      }),
  });
  protected readonly churnByLease = computed(() => {
    const map = new Map<string, ChurnDot>();
    if (!this.churn.hasValue()) return map;
    for (const r of this.churn.value().results)
      map.set(r.lease, { score: r.churn_score, level: r.churn_risk_level });
    return map;
  });

  protected readonly occupiedLeases = computed(() => {
    if (!this.stats.hasValue()) return 0;
    const s = this.stats.value();
    return s.active + s.month_to_month + s.notice;
  });

  protected readonly message = errorMessage;
}
