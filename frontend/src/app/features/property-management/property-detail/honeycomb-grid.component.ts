import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import {
  CHURN_RISK_LABELS,
  ChurnRiskLevel,
  LEASE_STATUS_LABELS,
  LEASE_STATUSES,
  LeaseStatus,
  UnitGridItem,
} from '../../../core/models';

/** A lease's churn risk from its open renewal recommendation (spec 0.0 "1.1 Honeycomb Tooltip"). */
export interface ChurnDot {
  score: number;
  level: ChurnRiskLevel;
}
import { LeaseProgressComponent } from '../../../shared/components/lease-progress.component';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';
import { AppDatePipe } from '../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import { groupUnits, unitLifecycleState } from './honeycomb';

interface HoveredUnit {
  unit: UnitGridItem;
  state: LeaseStatus;
  x: number;
  y: number;
  below: boolean;
}

/**
 * Units as hexes grouped by building and floor, coloured by lifecycle state, with a hover tooltip;
 * a click opens the unit. Pure CSS hexes (clip-path) and one delegated hover listener keep
 * ~200 units smooth.
 */
@Component({
  selector: 'app-honeycomb-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LeaseStatusBadgeComponent, LeaseProgressComponent, MoneyPipe, AppDatePipe],
  templateUrl: './honeycomb-grid.component.html',
  styleUrl: './honeycomb-grid.component.css',
})
export class HoneycombGridComponent {
  readonly units = input.required<UnitGridItem[]>();
  /** Churn risk by lease id (1.2); units without an entry show no dot. */
  readonly churn = input<ReadonlyMap<string, ChurnDot>>(new Map());
  protected readonly churnLabels = CHURN_RISK_LABELS;

  protected readonly buildings = computed(() => groupUnits(this.units()));
  /** Flat index → unit, for the delegated hover handler. */
  private readonly byId = computed(() => new Map(this.units().map((u) => [u.id, u])));
  protected readonly legend = computed(() => {
    const counts: Record<LeaseStatus, number> = {
      active: 0,
      month_to_month: 0,
      notice: 0,
      vacant: 0,
    };
    for (const u of this.units()) counts[unitLifecycleState(u)]++;
    return LEASE_STATUSES.map((s) => ({
      status: s,
      label: LEASE_STATUS_LABELS[s],
      count: counts[s],
    }));
  });

  /** Legend filter: highlight one state, dim the rest. */
  protected readonly highlight = signal<LeaseStatus | null>(null);
  protected readonly hovered = signal<HoveredUnit | null>(null);

  protected readonly stateOf = unitLifecycleState;

  protected toggleHighlight(s: LeaseStatus): void {
    this.highlight.update((h) => (h === s ? null : s));
  }

  protected onPointer(event: Event): void {
    const el = (event.target as Element | null)?.closest<HTMLElement>('[data-unit-id]');
    if (!el) return;
    const unit = this.byId().get(el.dataset['unitId'] ?? '');
    if (!unit) return;
    if (this.hovered()?.unit === unit) return;
    const r = el.getBoundingClientRect();
    const below = r.top < 260;
    this.hovered.set({
      unit,
      state: unitLifecycleState(unit),
      x: Math.min(Math.max(r.left + r.width / 2, 170), window.innerWidth - 170),
      y: below ? r.bottom + 8 : r.top - 8,
      below,
    });
  }

  protected clearHover(): void {
    this.hovered.set(null);
  }

  protected shortNumber(unitNumber: string): string {
    const i = unitNumber.lastIndexOf('-');
    return i >= 0 ? unitNumber.slice(i + 1) : unitNumber;
  }
}
