import { ImportKind, ImportRun } from '../../core/services/import.service';

/** What each kind holds and what it needs imported first (the wizard's first step). */
export const KIND_HELP: Record<ImportKind, string> = {
  properties: 'Communities: name, code, address. Import these first.',
  units:
    'Units of the imported properties (property_external_id). Imported units are vacant until leased.',
  tenants: 'Residents: name, email, phone.',
  leases:
    'Leases joining a tenant and a unit (tenant_external_id, unit_external_id); the lifecycle runs after.',
};

/** The wizard's step: 1 choose kind, 2 upload, 3 preview (dry run), 4 result (commit). */
export type ImportStep = 'kind' | 'upload' | 'preview' | 'result';

export function stepOf(
  kind: ImportKind | null,
  preview: ImportRun | null,
  result: ImportRun | null,
): ImportStep {
  if (result) return 'result';
  if (preview) return 'preview';
  if (kind) return 'upload';
  return 'kind';
}

/** "12 rows: would create 10, would update 2." style line, from the counts. */
export function countsLine(run: ImportRun): string {
  const done = run.dry_run ? 'would create' : 'created';
  const upd = run.dry_run ? 'would update' : 'updated';
  const rows = `${run.total_rows} row${run.total_rows === 1 ? '' : 's'}`;
  return `${rows}: ${done} ${run.created_count}, ${upd} ${run.updated_count}`;
}

/** A commit is offered only after a clean dry run of the same file. */
export function canCommit(preview: ImportRun | null): boolean {
  return !!preview && preview.status === 'validated' && preview.total_rows > 0;
}

export const IMPORT_STATUSES = [
  'validated',
  'invalid',
  'queued',
  'running',
  'committed',
  'failed',
] as const;

export const IMPORT_STATUS_LABELS: Record<string, string> = {
  validated: 'Checked, no errors',
  invalid: 'Has errors',
  queued: 'Queued',
  running: 'Running',
  committed: 'Imported',
  failed: 'Failed',
};

/** The list's URL state as the API's query (empty values left out). */
export function historyParams(
  filters: Record<string, string>,
  query: { search: string | null; ordering: string | null; page: number; page_size: number },
): Record<string, string | number> {
  const out: Record<string, string | number> = { page: query.page, page_size: query.page_size };
  if (filters['kind']) out['kind'] = filters['kind'];
  if (filters['status']) out['status'] = filters['status'];
  if (query.search) out['search'] = query.search;
  if (query.ordering) out['ordering'] = query.ordering;
  return out;
}
