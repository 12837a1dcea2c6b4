import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LEASE_STATUS_LABELS, LEASE_STATUSES, LeaseStatus } from '../../core/models';

export type LifecycleCounts = Record<LeaseStatus, number>;

/** Stacked bar of lifecycle counts (Active / MTM / Notice / Vacant) with an optional legend. */
@Component({
  selector: 'app-lifecycle-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar" [class.thin]="thin()" role="img" [attr.aria-label]="ariaLabel()">
      @for (s of segments(); track s.status) {
        @if (s.count > 0) {
          <div
            class="seg"
            [class]="'seg seg-' + s.status"
            [style.flex-grow]="s.count"
            [attr.title]="s.label + ': ' + s.count"
          ></div>
        }
      }
    </div>
    @if (legend()) {
      <div class="legend">
        @for (s of segments(); track s.status) {
          <span class="item" [attr.data-status]="s.status">
            <span class="sw" [class]="'sw seg-' + s.status"></span>
            <span class="name">{{ s.label }}</span>
            <span class="num">{{ s.count.toLocaleString('en-US') }}</span>
            <span class="pct">{{ s.pct }}%</span>
          </span>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .bar {
      display: flex;
      height: 12px;
      border-radius: 999px;
      overflow: hidden;
      background: #eef2f6;
      gap: 2px;
    }
    .bar.thin {
      height: 7px;
    }
    .seg {
      min-width: 3px;
    }
    .seg-active {
      background: var(--lc-active);
    }
    .seg-month_to_month {
      background: var(--lc-mtm);
    }
    .seg-notice {
      background: var(--lc-notice);
    }
    .seg-vacant {
      background: var(--lc-vacant);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 16px;
      margin-top: 8px;
      font-size: 12px;
      color: var(--text-2);
    }
    .item {
      display: inline-flex;
      align-items: center;
      gap: 5px;
    }
    .sw {
      width: 9px;
      height: 9px;
      border-radius: 2px;
    }
    .num {
      font-weight: 700;
    }
    .pct {
      color: var(--muted);
    }
  `,
})
export class LifecycleBarComponent {
  readonly counts = input.required<LifecycleCounts>();
  readonly legend = input(true);
  readonly thin = input(false);

  protected readonly segments = computed(() => {
    const c = this.counts();
    const total = LEASE_STATUSES.reduce((sum, s) => sum + (c[s] ?? 0), 0);
    return LEASE_STATUSES.map((status) => ({
      status,
      label: status === 'month_to_month' ? 'MTM' : LEASE_STATUS_LABELS[status],
      count: c[status] ?? 0,
      pct: total ? Math.round(((c[status] ?? 0) / total) * 1000) / 10 : 0,
    }));
  });

  protected readonly ariaLabel = computed(() =>
    this.segments()
      .map((s) => `${s.label} ${s.count}`)
      .join(', '),
  );
}
