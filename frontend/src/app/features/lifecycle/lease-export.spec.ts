import { firstValueFrom, of } from 'rxjs';
import { LeaseFilters, LeaseLifecycle, Paginated } from '../../core/models';
import { fetchAllLeases, leasesToCsv } from './lease-export';

const lease = (n: number, extra: Partial<LeaseLifecycle> = {}) =>
  ({
    id: `l${n}`,
    unit_number: `A-${n}`,
    tenant_name: `T ${n}`,
    lease_status: 'month_to_month',
    monthly_rent_amount: '1000.00',
    ...extra,
  }) as LeaseLifecycle;

describe('lease export', () => {
  it('follows pages until there is no next', async () => {
    const calls: LeaseFilters[] = [];
    const pages: Paginated<LeaseLifecycle>[] = [
      { count: 3, next: 'p2', previous: null, results: [lease(1), lease(2)] },
      { count: 3, next: null, previous: 'p1', results: [lease(3)] },
    ];
    const all = await firstValueFrom(
      fetchAllLeases(
        (f) => {
          calls.push(f);
          return of(pages[(f.page ?? 1) - 1]);
        },
        { lease_status: 'month_to_month' },
      ),
    );
    expect(all.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
    expect(calls.map((c) => [c.page, c.page_size, c.lease_status])).toEqual([
      [1, 500, 'month_to_month'],
      [2, 500, 'month_to_month'],
    ]);
  });

  it('writes a CSV with labels, quoting and formula guarding', () => {
    const csv = leasesToCsv([
      lease(1, { tenant_name: 'Smith, "Jo"', property_name: '=HYPERLINK()' }),
    ]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header.startsWith('Property,Unit,Tenant,Lease #,State,Monthly rent')).toBe(true);
    expect(row).toContain(`"Smith, ""Jo"""`);
    expect(row).toContain("'=HYPERLINK()");
    expect(row).toContain('Month-to-Month');
  });
});
