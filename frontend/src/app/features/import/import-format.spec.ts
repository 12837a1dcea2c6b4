import { ImportRun } from '../../core/services/import.service';
import { KIND_HELP, canCommit, countsLine, historyParams, stepOf } from './import-format';

const run = (extra: Partial<ImportRun> = {}): ImportRun =>
  ({
    id: 'R1',
    kind: 'units',
    dry_run: true,
    status: 'validated',
    total_rows: 12,
    created_count: 10,
    updated_count: 2,
    error_count: 0,
    progress: 100,
    message: '',
    ...extra,
  }) as ImportRun;

describe('import-format', () => {
  it('walks kind → upload → preview → result', () => {
    expect(stepOf(null, null, null)).toBe('kind');
    expect(stepOf('units', null, null)).toBe('upload');
    expect(stepOf('units', run(), null)).toBe('preview');
    expect(stepOf('units', run(), run({ dry_run: false, status: 'committed' }))).toBe('result');
  });

  it('words the counts of a dry run and of a commit', () => {
    expect(countsLine(run())).toBe('12 rows: would create 10, would update 2');
    expect(
      countsLine(run({ dry_run: false, total_rows: 1, created_count: 1, updated_count: 0 })),
    ).toBe('1 row: created 1, updated 0');
  });

  it('offers the commit only after a clean, non-empty dry run', () => {
    expect(canCommit(null)).toBe(false);
    expect(canCommit(run())).toBe(true);
    expect(canCommit(run({ status: 'invalid', error_count: 1 }))).toBe(false);
    expect(canCommit(run({ total_rows: 0 }))).toBe(false);
  });

  it('explains every kind', () => {
    expect(Object.keys(KIND_HELP)).toEqual(['properties', 'units', 'tenants', 'leases']);
  });
});

describe('historyParams', () => {
  it('passes filters, search, ordering and page, leaving out empty ones', () => {
    const q = { search: null, ordering: null, page: 1, page_size: 10 };
    expect(historyParams({ kind: '', status: '' }, q)).toEqual({ page: 1, page_size: 10 });
    expect(
      historyParams(
        { kind: 'units', status: 'invalid' },
        { ...q, search: 'units.csv', ordering: '-total_rows', page: 2 },
      ),
    ).toEqual({
      kind: 'units',
      status: 'invalid',
      search: 'units.csv',
      ordering: '-total_rows',
      page: 2,
      page_size: 10,
    });
  });
});
