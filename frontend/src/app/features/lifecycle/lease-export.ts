import { Observable, EMPTY, expand, map, reduce } from 'rxjs';
import {
  LEASE_STATUS_LABELS,
  LeaseFilters,
  LeaseLifecycle,
  Paginated,
  isLeaseStatus,
} from '../../core/models';

const EXPORT_PAGE_SIZE = 500;

/** Every lease matching the filters, fetched page by page (500 at a time). */
export function fetchAllLeases(
  getPage: (filters: LeaseFilters) => Observable<Paginated<LeaseLifecycle>>,
  filters: LeaseFilters,
): Observable<LeaseLifecycle[]> {
  const base = { ...filters, page_size: EXPORT_PAGE_SIZE };
  return getPage({ ...base, page: 1 }).pipe(
    map((res) => ({ res, page: 1 })),
    expand(({ res, page }) =>
      res.next
        ? getPage({ ...base, page: page + 1 }).pipe(map((r) => ({ res: r, page: page + 1 })))
        : EMPTY,
    ),
    reduce((all, { res }) => all.concat(res.results), [] as LeaseLifecycle[]),
  );
}

const COLUMNS: [string, (l: LeaseLifecycle) => string | number | null | undefined][] = [
  ['Property', (l) => l.property_name],
  ['Unit', (l) => l.unit_number],
  ['Tenant', (l) => l.tenant_name],
  ['Lease #', (l) => l.lease_number],
  [
    'State',
    (l) => (isLeaseStatus(l.lease_status) ? LEASE_STATUS_LABELS[l.lease_status] : l.lease_status),
  ],
  ['Monthly rent', (l) => l.monthly_rent_amount],
  ['Begins', (l) => l.lease_begin_date],
  ['Ends', (l) => l.lease_end_date],
  ['Days until expiry', (l) => l.days_until_expiry],
  ['Month-to-month since', (l) => l.holdover_start_date],
  ['Holdover days', (l) => l.holdover_days],
  ['Notice date', (l) => l.notice_date],
  ['Move-out (notice)', (l) => l.notice_move_out_date],
  ['Moved out', (l) => l.actual_move_out_date],
];

function cell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Quote when needed; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function leasesToCsv(leases: LeaseLifecycle[]): string {
  const lines = [COLUMNS.map(([h]) => cell(h)).join(',')];
  for (const l of leases) lines.push(COLUMNS.map(([, get]) => cell(get(l))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function downloadText(
  filename: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
