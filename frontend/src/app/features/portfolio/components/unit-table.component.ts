import {
  CdkFixedSizeVirtualScroll,
  CdkVirtualForOf,
  CdkVirtualScrollViewport,
} from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';

import { CommandCenterRow, OpenItem } from '../../../core/services/command-center.service';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import {
  RISK_LABELS,
  RISK_TITLES,
  daysLabel,
  daysTitle,
  openItemWord,
} from '../command-center-format';
import { formatGapPct } from '../../../shared/utils/market-gap';
import { AiActionBadgeComponent } from './ai-action-badge.component';

export const ROW_HEIGHT = 44;

export interface RowRange {
  start: number;
  end: number;
}

/**
 * The unit list (spec 1.4 UnitTableComponent), virtualised with the CDK: only the rows in view (plus a
 * buffer) are in the DOM, so 4,000+ (or 100,000) units scroll smoothly. `rows` has one slot per matching
 * unit; slots not loaded yet are `undefined` and render as placeholders, and `rangeChange` tells the page
 * which rows are on screen so it can fetch their pages.
 */
@Component({
  selector: 'app-cc-unit-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CdkVirtualScrollViewport,
    CdkFixedSizeVirtualScroll,
    CdkVirtualForOf,
    RouterLink,
    MoneyPipe,
    LeaseStatusBadgeComponent,
    AiActionBadgeComponent,
  ],
  host: {
    role: 'table',
    'aria-label': 'Units',
    '[attr.aria-rowcount]': 'rows().length + 1',
    '[class.no-select]': '!selectable()',
    'data-testid': 'cc-table',
  },
  template: `
    <div class="row head" role="row">
      @if (selectable()) {
        <div class="cell check" role="columnheader">
          <input
            type="checkbox"
            data-testid="select-all-checkbox"
            [checked]="allSelected()"
            [indeterminate]="someSelected()"
            [disabled]="!rows().length"
            (change)="toggleAll.emit()"
            [attr.aria-label]="'Select all ' + rows().length + ' units'"
          />
        </div>
      }
      <div class="cell" role="columnheader">Unit</div>
      <div class="cell" role="columnheader">Tenant</div>
      <div class="cell" role="columnheader">State</div>
      <div class="cell money" role="columnheader">Rent</div>
      <div class="cell num" role="columnheader" title="Current rent vs market rent">Vs market</div>
      <div class="cell num" role="columnheader">Days</div>
      <div class="cell" role="columnheader">Risk</div>
      <div class="cell" role="columnheader" title="What is already in progress on the lease">
        In progress
      </div>
      <div class="cell" role="columnheader">AI Action</div>
    </div>
    <cdk-virtual-scroll-viewport
      class="viewport"
      [itemSize]="rowHeight"
      minBufferPx="600"
      maxBufferPx="1200"
      data-testid="cc-viewport"
    >
      <div
        *cdkVirtualFor="let row of rows(); let i = index; trackBy: trackRow; templateCacheSize: 0"
        class="row"
        role="row"
        [attr.aria-rowindex]="i + 2"
        [class.selected]="row && selected().has(row.id)"
        [attr.data-testid]="row ? 'cc-row' : 'cc-row-loading'"
        [attr.data-unit-id]="row?.id"
        [attr.data-state]="row?.lifecycle_state"
      >
        @if (row) {
          @if (selectable()) {
            <div class="cell check" role="cell">
              <input
                type="checkbox"
                data-testid="row-checkbox"
                [checked]="selected().has(row.id)"
                (change)="toggleRow.emit(row)"
                [attr.aria-label]="'Select unit ' + row.unit_number"
              />
            </div>
          }
          <div class="cell unit" role="cell">
            <a [routerLink]="['/units', row.id]" class="unit-link" data-testid="unit-number">{{
              row.unit_number
            }}</a>
            <span class="sub">{{ row.property_name }} · {{ row.building }}</span>
          </div>
          <div class="cell tenant" role="cell" data-testid="tenant-name">
            {{ row.tenant_name ?? '—' }}
          </div>
          <div class="cell" role="cell">
            <app-lease-status-badge [status]="row.lifecycle_state" [short]="true" />
          </div>
          <div class="cell money" role="cell" data-testid="rent">{{ row.rent | money: 0 }}</div>
          <div
            class="cell num gap"
            role="cell"
            data-testid="market-gap"
            [class.below]="(row.market_gap_pct ?? 0) < 0"
            [attr.title]="
              row.market_rent && row.market_gap !== null
                ? 'Market rent ' + (row.market_rent | money: 0)
                : 'No market comparison'
            "
          >
            {{ gapPct(row.market_gap_pct) }}
          </div>
          <div class="cell num" role="cell" data-testid="days" [attr.title]="daysTitle(row)">
            {{ daysLabel(row) }}
          </div>
          <div class="cell" role="cell">
            @if (row.risk_level) {
              <span
                class="risk"
                [attr.data-risk]="row.risk_level"
                [attr.title]="riskTitles[row.risk_level]"
                >{{ riskLabels[row.risk_level] }}</span
              >
            } @else {
              <span class="muted" [attr.title]="riskTitles.none">—</span>
            }
          </div>
          <div
            class="cell items"
            role="cell"
            data-testid="open-items"
            [attr.title]="itemsTitle(row)"
          >
            @for (item of row.open_items.slice(0, 1); track item.object_id) {
              <span
                class="item"
                [attr.data-kind]="item.kind"
                [attr.data-status]="item.status"
                data-testid="open-item"
                >{{ itemWord(item) }}</span
              >
            }
            @if (row.open_items.length > 1) {
              <span class="more">+{{ row.open_items.length - 1 }}</span>
            }
          </div>
          <div class="cell action" role="cell">
            <app-ai-action-badge [action]="row.ai_action" [count]="row.ai_action_count" />
          </div>
        } @else {
          <div class="cell placeholder" role="cell"><span class="shimmer"></span></div>
        }
      </div>
    </cdk-virtual-scroll-viewport>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      /* Narrow screens: the table scrolls sideways inside its card, the page does not. */
      overflow-x: auto;
    }
    .viewport {
      height: var(--cc-viewport-height, 560px);
      contain: strict;
    }
    .viewport,
    .row.head {
      min-width: var(--cc-table-min-width, 1200px);
    }
    .row {
      display: grid;
      grid-template-columns:
        40px minmax(120px, 1.1fr) minmax(130px, 1.2fr)
        92px 92px 88px 104px 74px minmax(120px, 1fr) minmax(220px, 2.3fr);
      align-items: center;
      height: 44px; /* ROW_HEIGHT */
      border-bottom: 1px solid #eef2f6;
      font-size: 13px;
    }
    /* A role that can't run bulk actions gets no selection column. */
    :host(.no-select) .row {
      grid-template-columns:
        minmax(120px, 1.1fr) minmax(130px, 1.2fr)
        92px 92px 88px 104px 74px minmax(120px, 1fr) minmax(220px, 2.3fr);
    }
    .row:hover:not(.head) {
      background: #fafbfd;
    }
    .row.selected {
      background: #fffbeb;
    }
    .head {
      height: 36px;
      background: var(--surface-2);
      border-bottom: 1px solid var(--border);
      font: 600 11px var(--font-body);
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--muted);
      padding-right: var(--cc-scrollbar, 0px);
    }
    .cell {
      padding: 0 10px;
      min-width: 0;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .cell.money,
    .cell.num {
      text-align: right;
      font-family: var(--font-mono);
      font-variant-numeric: tabular-nums;
    }
    .head .cell.money,
    .head .cell.num {
      font-family: var(--font-body);
    }
    .check {
      display: flex;
      justify-content: center;
    }
    .unit {
      display: flex;
      flex-direction: column;
      line-height: 1.2;
    }
    .unit-link {
      font-weight: 700;
      color: var(--primary);
    }
    .sub {
      font-size: 11px;
      color: var(--muted);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .gap.below {
      color: var(--teal, #0f766e);
    }
    .items {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .item {
      display: inline-block;
      padding: 2px 8px;
      border-radius: 999px;
      font-size: 11.5px;
      font-weight: 600;
      background: #eef2ff;
      color: #3730a3;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .item[data-kind='rent_increase_notice'] {
      background: #fef3c7;
      color: #92400e;
    }
    .item[data-kind='collection_case'],
    .item[data-kind='payment_plan'] {
      background: #fee2e2;
      color: #991b1b;
    }
    .more {
      font-size: 11px;
      color: var(--muted);
    }
    .risk {
      font-weight: 700;
      font-size: 12px;
    }
    .risk[data-risk='good_history'] {
      color: var(--green);
    }
    .risk[data-risk='standard'] {
      color: var(--amber);
    }
    .risk[data-risk='repeat_offender'] {
      color: var(--orange);
    }
    .risk[data-risk='chronic'] {
      color: var(--red);
    }
    .action {
      overflow: visible;
    }
    .placeholder {
      grid-column: 1 / -1;
    }
    .shimmer {
      display: block;
      height: 12px;
      width: 70%;
      border-radius: 6px;
      background: linear-gradient(90deg, #eef2f6 25%, #f7f9fb 37%, #eef2f6 63%);
      background-size: 400% 100%;
      animation: shimmer 1.3s ease infinite;
    }
    @keyframes shimmer {
      from {
        background-position: 100% 50%;
      }
      to {
        background-position: 0 50%;
      }
    }
  `,
})
export class UnitTableComponent {
  /** One slot per matching unit, in list order; `undefined` until its page has loaded. */
  readonly rows = input.required<readonly (CommandCenterRow | undefined)[]>();
  readonly selected = input.required<ReadonlyMap<string, unknown>>();
  /** Rows can be ticked (the role may run bulk actions); otherwise no checkbox column. */
  readonly selectable = input(true);
  readonly rangeChange = output<RowRange>();
  readonly toggleRow = output<CommandCenterRow>();
  readonly toggleAll = output<void>();

  protected readonly rowHeight = ROW_HEIGHT;
  protected readonly riskLabels = RISK_LABELS;
  protected readonly riskTitles = RISK_TITLES;
  protected readonly daysLabel = daysLabel;
  protected readonly daysTitle = daysTitle;
  protected readonly gapPct = formatGapPct;
  protected readonly itemWord = openItemWord;

  /** Every open item in full words, for the cell's tooltip. */
  protected itemsTitle(row: CommandCenterRow): string | null {
    return row.open_items.length ? row.open_items.map((i: OpenItem) => i.label).join('\n') : null;
  }
  protected readonly allSelected = computed(
    () => this.rows().length > 0 && this.selected().size >= this.rows().length,
  );
  protected readonly someSelected = computed(() => this.selected().size > 0 && !this.allSelected());

  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const sub = this.viewport().renderedRangeStream.subscribe((range) =>
        this.rangeChange.emit(range),
      );
      destroyRef.onDestroy(() => sub.unsubscribe());
    });
  }

  protected trackRow = (index: number, row: CommandCenterRow | undefined): string =>
    row?.id ?? `slot-${index}`;

  /** Scrolls back to the first row (after the filters changed). */
  scrollToTop(): void {
    this.viewport().scrollToIndex(0);
  }
}
