import { LeaseDates } from '../../core/models';
import { computeLeaseProgress } from './lease-progress';

const TODAY = new Date(2026, 2, 28); // 2026-03-28

function lease(partial: Partial<LeaseDates>): LeaseDates {
  return {
    lease_status: 'active',
    lease_begin_date: null,
    lease_end_date: null,
    holdover_start_date: null,
    notice_date: null,
    notice_move_out_date: null,
    actual_move_out_date: null,
    ...partial,
  };
}

describe('computeLeaseProgress', () => {
  describe('active', () => {
    it('shows % elapsed from begin to end and days left, teal beyond 90 days', () => {
      const p = computeLeaseProgress(
        lease({ lease_begin_date: '2026-01-01', lease_end_date: '2026-12-31' }),
        TODAY,
      );
      expect(p.mode).toBe('active');
      if (p.mode !== 'active') return;
      expect(p.daysLeft).toBe(278);
      expect(p.percent).toBeCloseTo(23.6, 0);
      expect(p.tone).toBe('teal');
      expect(p.label).toBe('278 days left');
    });

    it('is amber from 30 to 90 days left', () => {
      const p = computeLeaseProgress(
        lease({ lease_begin_date: '2025-06-01', lease_end_date: '2026-05-31' }),
        TODAY,
      );
      expect(p).toMatchObject({ mode: 'active', daysLeft: 64, tone: 'amber' });
      expect(
        computeLeaseProgress(
          lease({ lease_begin_date: '2025-06-01', lease_end_date: '2026-04-27' }),
          TODAY,
        ),
      ).toMatchObject({
        daysLeft: 30,
        tone: 'amber',
      });
      expect(
        computeLeaseProgress(
          lease({ lease_begin_date: '2025-06-01', lease_end_date: '2026-06-26' }),
          TODAY,
        ),
      ).toMatchObject({
        daysLeft: 90,
        tone: 'amber',
      });
    });

    it('is orange under 30 days left', () => {
      const p = computeLeaseProgress(
        lease({ lease_begin_date: '2025-04-10', lease_end_date: '2026-04-09' }),
        TODAY,
      );
      expect(p).toMatchObject({
        mode: 'active',
        daysLeft: 12,
        tone: 'orange',
        label: '12 days left',
      });
    });

    it('caps at 100% once the end date has passed', () => {
      const p = computeLeaseProgress(
        lease({ lease_begin_date: '2025-01-01', lease_end_date: '2026-03-01' }),
        TODAY,
      );
      expect(p).toMatchObject({
        mode: 'active',
        percent: 100,
        tone: 'orange',
        label: 'Ended 27 days ago',
      });
    });
  });

  describe('month_to_month', () => {
    it('has no percentage: a rolling bar with the holdover start and days on holdover', () => {
      const p = computeLeaseProgress(
        lease({
          lease_status: 'month_to_month',
          lease_begin_date: '2024-06-01',
          lease_end_date: '2025-05-31',
          holdover_start_date: '2025-06-01',
        }),
        TODAY,
      );
      expect(p.mode).toBe('month_to_month');
      expect('percent' in p).toBe(false);
      expect(p).toMatchObject({ holdoverDays: 300, since: '2025-06-01' });
      expect(p.label).toBe('MTM since Jun 1, 2025 · 300 days on holdover');
    });
  });

  describe('notice', () => {
    it('counts down to the move-out date in red, % from notice date to move-out', () => {
      const p = computeLeaseProgress(
        lease({
          lease_status: 'notice',
          lease_begin_date: '2025-04-01',
          lease_end_date: '2026-03-31',
          notice_date: '2026-03-18',
          notice_move_out_date: '2026-04-27',
        }),
        TODAY,
      );
      expect(p).toMatchObject({
        mode: 'notice',
        daysLeft: 30,
        percent: 25,
        label: 'Moving out in 30 days',
      });
    });

    it('says "Moving out today" on the day', () => {
      const p = computeLeaseProgress(
        lease({
          lease_status: 'notice',
          notice_date: '2026-02-01',
          notice_move_out_date: '2026-03-28',
        }),
        TODAY,
      );
      expect(p).toMatchObject({
        mode: 'notice',
        daysLeft: 0,
        percent: 100,
        label: 'Moving out today',
      });
    });
  });

  describe('vacant', () => {
    it('has no bar, only "Vacant since {actual_move_out_date}"', () => {
      const p = computeLeaseProgress(
        lease({ lease_status: 'vacant', actual_move_out_date: '2026-02-15' }),
        TODAY,
      );
      expect(p).toEqual({
        mode: 'vacant',
        since: '2026-02-15',
        label: 'Vacant since Feb 15, 2026',
      });
    });
  });

  it('has a "none" mode without a lease', () => {
    expect(computeLeaseProgress(null, TODAY)).toEqual({ mode: 'none', label: 'No lease' });
  });
});
