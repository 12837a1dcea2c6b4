import {
  DEFAULT_SORT,
  bulkPreselection,
  chunk,
  confidencePct,
  daysLabel,
  daysTitle,
  filtersFromQuery,
  openItemWord,
  pagesToLoad,
  placePage,
  queryFromFilters,
  sumMoney,
} from './command-center-format';
import { OpenItem } from '../../core/services/command-center.service';
import { localInputToIso, mergeResults } from './components/bulk-action-modal.component';

describe('daysTitle', () => {
  it('dates month-to-month from the day after the lease ended (as the unit and lifecycle screens do)', () => {
    expect(daysTitle({ lifecycle_state: 'month_to_month', event_date: '2025-07-22' })).toBe(
      'Month-to-month since 2025-07-23 (the lease ended 2025-07-22)',
    );
    expect(daysTitle({ lifecycle_state: 'month_to_month', event_date: '2025-12-31' })).toContain(
      'since 2026-01-01',
    );
  });
});

describe('daysLabel', () => {
  it('reads each lifecycle state', () => {
    expect(daysLabel({ lifecycle_state: 'active', days_to_event: 87 })).toBe('87d');
    expect(daysLabel({ lifecycle_state: 'active', days_to_event: 0 })).toBe('today');
    expect(daysLabel({ lifecycle_state: 'month_to_month', days_to_event: -45 })).toBe('45d over');
    expect(daysLabel({ lifecycle_state: 'notice', days_to_event: 12 })).toBe('12d');
    expect(daysLabel({ lifecycle_state: 'vacant', days_to_event: -30 })).toBe('30d vacant');
    expect(daysLabel({ lifecycle_state: 'vacant', days_to_event: null })).toBe('—');
  });
});

describe('confidencePct', () => {
  it('rounds to whole percent', () => {
    expect(confidencePct(0.925)).toBe('93%');
    expect(confidencePct(0.6)).toBe('60%');
    expect(confidencePct(null)).toBe('—');
  });
});

describe('query string ⇄ filters', () => {
  it('keeps only known values', () => {
    const f = filtersFromQuery({
      state: 'month_to_month,bogus,notice',
      risk: 'chronic,scary',
      min: '1000',
      max: '-5',
      q: '  santos ',
      sort: 'nope',
    });
    expect(f.lifecycle_state).toEqual(['month_to_month', 'notice']);
    expect(f.risk_level).toEqual(['chronic']);
    expect(f.min_rent).toBe(1000);
    expect(f.max_rent).toBeNull();
    expect(f.search).toBe('santos');
    expect(f.ordering).toBe(DEFAULT_SORT);
  });

  it('names an open item in words', () => {
    const item = (kind: OpenItem['kind'], status: string) =>
      ({
        kind,
        status,
        object_id: '1',
        label: '',
        amount: null,
        change_pct: null,
        date: null,
      }) as OpenItem;
    expect(openItemWord(item('renewal_offer', 'sent'))).toBe('Offer sent');
    expect(openItemWord(item('renewal_offer', 'pending'))).toBe('Offer pending');
    expect(openItemWord(item('rent_increase_notice', 'scheduled'))).toBe('Rent notice');
    expect(openItemWord(item('payment_plan', 'active'))).toBe('Payment plan');
  });

  it('round-trips, clearing empty keys', () => {
    const q = queryFromFilters({
      lifecycle_state: ['vacant'],
      property: 'P1',
      risk_level: [],
      min_rent: 0,
      max_rent: null,
      search: null,
      ordering: '-rent',
    });
    expect(q).toEqual({
      state: 'vacant',
      property: 'P1',
      risk: null,
      min: '0',
      max: null,
      gap: null,
      q: null,
      sort: '-rent',
    });
    expect(queryFromFilters({ ordering: DEFAULT_SORT })['sort']).toBeNull();
    // The gap filter travels as its choice name and comes back as the API's bounds.
    expect(queryFromFilters({ gap_pct_min: null, gap_pct_max: -5 })['gap']).toBe('below5');
    const gap = filtersFromQuery({ gap: 'above' });
    expect([gap.gap_pct_min, gap.gap_pct_max]).toEqual([0, null]);
    expect(filtersFromQuery({ gap: 'bogus' }).gap_pct_max).toBeNull();
    expect(
      filtersFromQuery({ state: 'vacant', property: 'P1', min: '0', sort: '-rent' }).ordering,
    ).toBe('-rent');
  });
});

describe('virtual list pages', () => {
  it('asks only for pages covering the range that are not known yet', () => {
    expect(pagesToLoad(0, 50, 4353, 200, new Set([1]))).toEqual([]);
    expect(pagesToLoad(150, 450, 4353, 200, new Set([1]))).toEqual([2, 3]);
    expect(pagesToLoad(4300, 4600, 4353, 200, new Set())).toEqual([22]);
    expect(pagesToLoad(0, 10, 0, 200, new Set())).toEqual([]);
  });

  it('places a page into its slots without touching the others', () => {
    const rows = placePage(new Array<string | undefined>(5), 2, 2, ['c', 'd']);
    expect(rows).toEqual([undefined, undefined, 'c', 'd', undefined]);
    expect(placePage(rows, 3, 2, ['e', 'overflow'])).toEqual([undefined, undefined, 'c', 'd', 'e']);
  });
});

describe('selection helpers', () => {
  it('sums money exactly', () => {
    expect(sumMoney(['1250.10', '1100.20', null, '2225.05'])).toBe(4575.35);
  });

  it('splits selections into batches of 500', () => {
    const ids = Array.from({ length: 1201 }, (_, i) => String(i));
    expect(chunk(ids, 500).map((c) => c.length)).toEqual([500, 500, 201]);
  });

  it('merges the results of several batches', () => {
    const batch = (statuses: string[]) =>
      ({
        results: statuses.map((status, i) => ({
          unit_id: `${status}${i}`,
          status,
          ok: status !== 'failed',
        })),
      }) as never;
    expect(mergeResults([batch(['done', 'failed']), batch(['skipped', 'done'])])).toMatchObject({
      done: 2,
      skipped: 1,
      failed: 1,
    });
  });

  it('turns a datetime-local value into an ISO timestamp', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('nonsense')).toBeNull();
    expect(localInputToIso('2026-12-01T09:30')).toBe(new Date(2026, 11, 1, 9, 30).toISOString());
  });
});

describe('bulkPreselection', () => {
  const state = {
    bulk: { action_type: 'rent_increase_notice', unit_ids: ['u1', 'u2'], rents: ['1200.00', null] },
  };

  it('reads the units a fresh navigation asked to open selected', () => {
    expect(bulkPreselection({ trigger: 'imperative', extras: { state } })).toEqual({
      action_type: 'rent_increase_notice',
      unit_ids: ['u1', 'u2'],
      rents: ['1200.00', null],
    });
  });

  it('ignores going back, missing or malformed state', () => {
    expect(bulkPreselection({ trigger: 'popstate', extras: { state } })).toBeNull();
    expect(bulkPreselection(null)).toBeNull();
    expect(bulkPreselection({ trigger: 'imperative', extras: {} })).toBeNull();
    expect(
      bulkPreselection({
        trigger: 'imperative',
        extras: { state: { bulk: { action_type: 'x', unit_ids: [] } } },
      }),
    ).toBeNull();
  });
});
