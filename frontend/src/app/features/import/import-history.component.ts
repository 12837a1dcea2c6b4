import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { IMPORT_KINDS, ImportService } from '../../core/services/import.service';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { IMPORT_STATUSES, IMPORT_STATUS_LABELS, historyParams } from './import-format';

/** Past imports (the shared list state: kind and status filters, search, pages in the URL). */
@Component({
  selector: 'app-import-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ListToolbarComponent, ListBodyComponent],
  template: `
    <section class="card" data-testid="import-history">
      <h2>Past imports</h2>
      <app-list-toolbar
        [list]="list"
        searchLabel="Search imports"
        searchPlaceholder="File name or who ran it"
        searchTestId="import-search"
        [filters]="toolbarFilters"
        [propertyFilter]="false"
      />
      <app-list-body
        [list]="list"
        [resource]="runs"
        [hasRows]="rows().length > 0"
        [total]="total()"
        errorTitle="Could not load past imports"
        loadingLabel="Loading imports…"
        filteredTitle="No imports match"
        emptyTitle="No imports yet"
      >
        <table class="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Kind</th>
              <th>File</th>
              <th>Result</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.id) {
              <tr data-testid="import-history-row">
                <td>{{ when(r.created_at) }}</td>
                <td>{{ r.kind }}{{ r.dry_run ? ' (check)' : '' }}</td>
                <td>{{ r.file_name }}</td>
                <td>{{ statusLabel[r.status] }} · {{ r.message }}</td>
                <td>{{ r.requested_by.replace('user:', '') }}</td>
              </tr>
            }
          </tbody>
        </table>
      </app-list-body>
    </section>
  `,
  styles: `
    .card {
      padding: 16px;
    }
    h2 {
      font-size: 15px;
      margin: 0 0 8px;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 6px 10px;
      border-bottom: 1px solid var(--border);
      font-size: 13px;
    }
  `,
})
export class ImportHistoryComponent {
  private readonly imports = inject(ImportService);
  /** Bumped by the screen after an upload, so the list shows it. */
  readonly refresh = input(0);

  protected readonly toolbarFilters: ToolbarFilter[] = [
    {
      key: 'kind',
      label: 'Kind',
      testId: 'import-kind-filter',
      options: filterOptions(IMPORT_KINDS, (k) => k, { first: [{ value: '', label: 'Any kind' }] }),
    },
    {
      key: 'status',
      label: 'Result',
      testId: 'import-status-filter',
      options: filterOptions(IMPORT_STATUSES, IMPORT_STATUS_LABELS, {
        first: [{ value: '', label: 'Any result' }],
      }),
    },
  ];

  protected readonly list = listState({
    filters: { kind: { parse: oneOf(IMPORT_KINDS) }, status: { parse: oneOf(IMPORT_STATUSES) } },
    pageSize: 10,
  });
  protected readonly statusLabel = IMPORT_STATUS_LABELS;

  protected readonly runs = rxResource({
    params: () => ({
      ...historyParams(this.list.filters(), this.list.query()),
      _refresh: this.refresh(),
    }),
    stream: ({ params }) => {
      const { _refresh, ...query } = params;
      return this.imports.list(query);
    },
  });
  private readonly shown = this.list.keepPage(() =>
    this.runs.hasValue() ? this.runs.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  protected when(value: string): string {
    return new Date(value).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
  }
}
