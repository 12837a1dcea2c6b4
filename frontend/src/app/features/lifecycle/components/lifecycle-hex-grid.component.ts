import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { LEASE_STATUSES, LeaseStatus, LifecycleStats } from '../../../core/models';

const CARD_LABELS: Record<LeaseStatus, string> = {
  active: 'Active',
  month_to_month: 'MTM',
  notice: 'Notice',
  vacant: 'Vacant',
};
const CARD_HINTS: Record<LeaseStatus, string> = {
  active: 'Lease current',
  month_to_month: 'Expired, tenant stayed',
  notice: 'Move-out scheduled',
  vacant: 'Needs make-ready',
};

/** The four lifecycle state cards (count and share of all leases); a click filters by that state. */
@Component({
  selector: 'app-lifecycle-hex-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (c of cards(); track c.status) {
      <button
        type="button"
        class="state-card"
        [class]="'state-card state-' + c.status"
        [class.selected]="selected() === c.status"
        [class.dimmed]="selected() !== 'all' && selected() !== c.status"
        [attr.data-status]="c.status"
        [attr.aria-pressed]="selected() === c.status"
        (click)="stateSelect.emit(selected() === c.status ? 'all' : c.status)"
      >
        <span class="hex" aria-hidden="true"></span>
        <span class="body">
          <span class="label">{{ c.label }}</span>
          <span class="count" data-testid="state-count">{{ c.count }}</span>
          <span class="pct">{{ c.pct }}% · {{ c.hint }}</span>
        </span>
      </button>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: 14px;
    }
    @media (max-width: 900px) {
      :host {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
    .state-card {
      --c: var(--lc-active);
      display: flex;
      align-items: center;
      gap: 14px;
      padding: 16px 18px;
      text-align: left;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow-sm);
      cursor: pointer;
      font: inherit;
      color: inherit;
      transition:
        border-color 0.12s,
        box-shadow 0.12s,
        opacity 0.12s;
    }
    .state-card:hover {
      border-color: var(--c);
    }
    .state-card:focus-visible {
      outline: 2px solid var(--gold);
      outline-offset: 2px;
    }
    .state-card.selected {
      border-color: var(--c);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--c) 18%, transparent);
    }
    .state-card.dimmed {
      opacity: 0.6;
    }
    .state-month_to_month {
      --c: var(--lc-mtm);
    }
    .state-notice {
      --c: var(--lc-notice);
    }
    .state-vacant {
      --c: var(--lc-vacant);
    }
    .hex {
      width: 34px;
      height: 38px;
      flex-shrink: 0;
      background: var(--c);
      clip-path: polygon(50% 0, 100% 25%, 100% 75%, 50% 100%, 0 75%, 0 25%);
    }
    .body {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .label {
      font: 700 11.5px var(--font-heading);
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--muted);
    }
    .count {
      font: 800 26px/1.15 var(--font-heading);
      color: var(--primary);
      font-variant-numeric: tabular-nums;
    }
    .pct {
      font-size: 12px;
      color: var(--muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
})
export class LifecycleHexGridComponent {
  readonly stats = input.required<LifecycleStats>();
  readonly selected = input<LeaseStatus | 'all'>('all');
  readonly stateSelect = output<LeaseStatus | 'all'>();

  protected readonly cards = computed(() => {
    const s = this.stats();
    const total = s.total_leases || LEASE_STATUSES.reduce((sum, k) => sum + s[k], 0);
    return LEASE_STATUSES.map((status) => ({
      status,
      label: CARD_LABELS[status],
      hint: CARD_HINTS[status],
      count: s[status].toLocaleString('en-US'),
      pct: total ? ((s[status] / total) * 100).toFixed(1) : '0.0',
    }));
  });
}
