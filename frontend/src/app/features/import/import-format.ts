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
