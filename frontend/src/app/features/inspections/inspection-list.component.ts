import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { Inspection, InspectionFilters, InspectionStatus } from '../../core/models';
import { InspectionService } from '../../core/services/inspection.service';
import { IconComponent } from '../../shared/components/icon.component';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { STATUS_TONES, statusLabel } from './inspection-format';

const STATUSES: InspectionStatus[] = ['in_progress', 'ai_processing', 'review', 'finalized'];

/** /inspections: move-out inspections with status, unit, inspector and totals; filters in the URL. */
@Component({
  selector: 'app-inspection-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    IconComponent,
    ToneBadgeComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
  ],
  template: `
    <div class="page">
      <header class="page-header">
        <div>
          <h1>Inspections</h1>
          <div class="subtitle">
            Move-out walk-throughs: photos by room, analysed, reviewed, and the deposit deductions.
          </div>
        </div>
        <div class="header-actions">
          @if (canInspect()) {
            <a class="btn btn-gold" routerLink="/inspections/new" data-testid="new-inspection">
              <app-icon name="edit" [size]="14" /> New inspection
            </a>
          }
        </div>
      </header>
      <section class="card table-card">
        <app-list-toolbar
          [list]="list"
          searchLabel="Search inspections"
          searchPlaceholder="Unit, tenant, inspector"
          searchTestId="inspection-search"
          [filters]="toolbarFilters"
        />
        <app-list-body
          [list]="list"
          [resource]="page"
          [hasRows]="rows().length > 0"
          [total]="total()"
          errorTitle="Could not load inspections"
          loadingLabel="Loading inspections…"
          filteredTitle="No inspections match"
          filteredHint="Try another status or search."
          emptyTitle="No inspections yet"
          emptyHint="Start one when a tenant moves out."
        >
          <div class="table-wrap">
            <table
              class="data-table"
              [class.busy]="page.isLoading()"
              data-testid="inspections-table"
              [appSortTable]="list"
            >
              <thead>
                <tr>
                  <th appSortHeader="inspection_date">Date</th>
                  <th>Unit</th>
                  <th>Tenant</th>
                  <th>Inspector</th>
                  <th class="num">Photos</th>
                  <th class="num">Damage items</th>
                  <th class="money" appSortHeader="total_damage_cost">Total damage</th>
                  <th appSortHeader="status">Status</th>
                </tr>
              </thead>
              <tbody>
                @for (i of rows(); track i.id) {
                  <tr class="row" [attr.data-inspection-id]="i.id" (click)="open(i)">
                    <td>
                      <a [routerLink]="['/inspections', i.id]" (click)="$event.stopPropagation()">{{
                        i.inspection_date | appDate
                      }}</a>
                    </td>
                    <td>
                      {{ i.unit_number }} <span class="sub muted">{{ i.property_name }}</span>
                    </td>
                    <td>{{ i.tenant_name }}</td>
                    <td>{{ i.inspector_name }}</td>
                    <td class="num">{{ i.analysed_count }}/{{ i.photo_count }}</td>
                    <td class="num">{{ i.total_damage_items }}</td>
                    <td class="money">{{ i.total_damage_cost | money }}</td>
                    <td>
                      <app-tone-badge
                        [text]="label(i.status)"
                        [tone]="tones[i.status]"
                        [dot]="true"
                      />
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (canInspect()) {
            <a empty-action class="btn btn-sm" routerLink="/inspections/new">New inspection</a>
          }
        </app-list-body>
      </section>
    </div>
  `,
  styleUrls: ['../../shared/styles/dashboard-page.css'],
  styles: `
    .sub {
      display: block;
      font-size: 12px;
    }
    .row {
      cursor: pointer;
    }
  `,
})
export class InspectionListComponent {
  private readonly inspections = inject(InspectionService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  protected readonly canInspect = computed(() =>
    this.auth.canAny('manage_leases', 'manage_maintenance'),
  );
  protected readonly tones = STATUS_TONES;
  protected readonly label = statusLabel;

  protected readonly list = listState({
    filters: { status: { parse: oneOf(STATUSES) }, property: {} },
    defaultSort: '-inspection_date',
    pageSize: 25,
  });
  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'status',
      label: 'Status',
      testId: 'status-filter',
      options: [
        { value: '', label: 'All statuses' },
        ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
      ],
    },
  ];

  private readonly filters = computed<InspectionFilters>(() => ({
    status: this.list.filters().status || null,
    property: this.list.filters().property || null,
    ...this.list.query(),
  }));
  protected readonly page = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.inspections.list(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.page.hasValue() ? this.page.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  protected open(row: Inspection): void {
    void this.router.navigate(['/inspections', row.id]);
  }
}
