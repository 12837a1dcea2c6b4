import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import {
  JURISDICTION_RULE_TYPES,
  JURISDICTION_RULE_TYPE_LABELS,
  JurisdictionRuleFilters,
} from '../../core/models';
import { JurisdictionRuleService } from '../../core/services/jurisdiction-rule.service';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { ruleValueInWords } from './jurisdiction-rules-format';

/** The states the shipped rules cover, for the state filter (any US state code works in the URL). */
const STATES = [
  'AZ', 'CA', 'CO', 'FL', 'GA', 'ID', 'IL', 'IN', 'MA', 'MD', 'MN', 'MO',
  'NC', 'NM', 'NV', 'OH', 'OR', 'PA', 'TN', 'TX', 'UT', 'VA', 'WA', 'WI',
] as const; // prettier-ignore

/**
 * Rules by state: the law the agents compute with (notice periods, late-fee caps, deposit deadlines, the
 * itemized statement, wear and tear), with each rule's citation, the day it was checked and a "needs counsel
 * review" flag, read-only. Edited in the Django admin; a starting point to check with counsel.
 */
@Component({
  selector: 'app-jurisdiction-rules',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppDatePipe, ListToolbarComponent, ListBodyComponent],
  template: `
    <div class="page">
      <header class="page-head">
        <div>
          <h1>Rules by state</h1>
          <p class="muted">
            Notice periods, late-fee caps and deposit rules (deadlines, the itemized statement, wear
            and tear) the renewals, notices, collections and move-outs follow. A starting point, not
            legal advice: check each rule with counsel, first those marked for review.
          </p>
        </div>
      </header>
      <section class="card">
        <app-list-toolbar
          [list]="list"
          searchLabel="Search rules"
          searchPlaceholder="Search citation, summary or city"
          searchTestId="rule-search"
          [filters]="toolbarFilters"
        />
        <app-list-body
          [list]="list"
          [resource]="rules"
          [hasRows]="rows().length > 0"
          [total]="total()"
          errorTitle="Could not load the rules"
          loadingLabel="Loading rules…"
          filteredTitle="No rules match"
          emptyTitle="No rules on file"
          emptyHint="Load them with manage.py load_jurisdiction_rules."
        >
          <div class="table-wrap">
            <table class="table" data-testid="rules-table">
              <thead>
                <tr>
                  <th>Place</th>
                  <th>Rule</th>
                  <th>What it says</th>
                  <th>Citation</th>
                  <th>In force from</th>
                </tr>
              </thead>
              <tbody>
                @for (r of rows(); track r.id) {
                  <tr data-testid="rule-row">
                    <td>
                      {{
                        r.city
                          ? r.city + ', ' + r.state
                          : r.state === 'US'
                            ? 'US (federal)'
                            : r.state
                      }}
                    </td>
                    <td>
                      {{ r.rule_type_label }}
                      <div class="muted small" data-testid="rule-words">
                        {{ words(r.value, r.rule_type) }}
                      </div>
                    </td>
                    <td class="summary">
                      {{ r.summary }}
                      @if (r.needs_review) {
                        <div class="review" data-testid="needs-review">
                          <span class="review-badge">Needs counsel review</span>
                          <span class="small">{{ r.review_note }}</span>
                        </div>
                      }
                    </td>
                    <td>
                      @if (r.source_url) {
                        <a [href]="r.source_url" target="_blank" rel="noopener">{{ r.citation }}</a>
                      } @else {
                        {{ r.citation }}
                      }
                      <div class="muted small" data-testid="checked-on">
                        @if (r.checked_on) {
                          Checked {{ r.checked_on | appDate }}
                        } @else {
                          Check date not recorded
                        }
                      </div>
                    </td>
                    <td>{{ r.effective_date | appDate }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        </app-list-body>
      </section>
    </div>
  `,
  styles: `
    .page-head p {
      margin: 4px 0 16px;
      max-width: 70ch;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .summary {
      max-width: 48ch;
      font-size: 13px;
    }
    .small {
      font-size: 12px;
    }
    .review {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 4px;
      margin-top: 6px;
    }
    .review-badge {
      padding: 2px 9px;
      border-radius: 999px;
      font: 600 12px/18px var(--font-body);
      white-space: nowrap;
      background: var(--tone-amber-bg);
      color: var(--tone-amber-fg);
    }
  `,
})
export class JurisdictionRulesComponent {
  private readonly service = inject(JurisdictionRuleService);

  protected readonly toolbarFilters: ToolbarFilter[] = [
    {
      key: 'state',
      label: 'State',
      testId: 'state-filter',
      options: filterOptions(STATES, (s) => s, {
        first: [
          { value: '', label: 'All states' },
          { value: 'US', label: 'US (federal)' },
        ],
      }),
    },
    {
      key: 'rule_type',
      label: 'Rule',
      testId: 'rule-type-filter',
      options: filterOptions(JURISDICTION_RULE_TYPES, JURISDICTION_RULE_TYPE_LABELS, {
        first: [{ value: '', label: 'Any rule' }],
      }),
    },
  ];

  protected readonly list = listState({
    filters: {
      state: { parse: (raw) => (/^[A-Za-z]{2}$/.test(raw) ? raw.toUpperCase() : null) },
      rule_type: { parse: oneOf(JURISDICTION_RULE_TYPES) },
    },
    pageSize: 50,
  });

  private readonly filters = computed<JurisdictionRuleFilters>(() => {
    const f = this.list.filters();
    const q = this.list.query();
    return {
      state: f.state || null,
      rule_type: f.rule_type || null,
      search: q.search,
      page: q.page,
      page_size: q.page_size,
    };
  });

  protected readonly rules = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.service.getRules(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.rules.hasValue() ? this.rules.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);
  protected readonly words = ruleValueInWords;
}
