import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { LeaseDates } from '../../core/models';
import { LeaseProgressComponent } from './lease-progress.component';

const TODAY = new Date(2026, 2, 28);

const base: LeaseDates = {
  lease_status: 'active',
  lease_begin_date: '2025-04-01',
  lease_end_date: '2026-03-31',
  holdover_start_date: null,
  notice_date: null,
  notice_move_out_date: null,
  actual_move_out_date: null,
};

describe('LeaseProgressComponent (four modes)', () => {
  let fixture: ComponentFixture<LeaseProgressComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(LeaseProgressComponent);
    fixture.componentRef.setInput('today', TODAY);
    el = fixture.nativeElement;
  });

  async function render(lease: LeaseDates) {
    fixture.componentRef.setInput('lease', lease);
    await fixture.whenStable();
  }

  const fill = () => el.querySelector<HTMLElement>('.fill');

  it('active: a countdown bar with % elapsed, days left and the tone by days left', async () => {
    await render({ ...base, lease_begin_date: '2025-06-01', lease_end_date: '2026-12-31' });
    expect(el.getAttribute('data-mode')).toBe('active');
    expect(fill()?.classList).toContain('tone-teal');
    expect(fill()?.style.width).toMatch(/%$/);
    expect(el.textContent).toContain('278 days left');

    await render({ ...base, lease_begin_date: '2025-06-01', lease_end_date: '2026-05-31' });
    expect(fill()?.classList).toContain('tone-amber');

    await render({ ...base, lease_begin_date: '2025-06-01', lease_end_date: '2026-04-09' });
    expect(fill()?.classList).toContain('tone-orange');
    expect(el.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBeTruthy();
  });

  it('month_to_month: a rolling amber bar, "MTM since" text and no percentage', async () => {
    await render({
      ...base,
      lease_status: 'month_to_month',
      lease_end_date: '2025-05-31',
      holdover_start_date: '2025-06-01',
    });
    expect(el.getAttribute('data-mode')).toBe('month_to_month');
    expect(fill()?.classList).toContain('rolling');
    expect(el.querySelector('[role=progressbar]')?.hasAttribute('aria-valuenow')).toBe(false);
    expect(el.textContent).toContain('MTM since Jun 1, 2025 · 300 days on holdover');
    expect(el.textContent).not.toMatch(/\d+(\.\d)?%/);
  });

  it('notice: a red countdown to the move-out date', async () => {
    await render({
      ...base,
      lease_status: 'notice',
      notice_date: '2026-03-18',
      notice_move_out_date: '2026-04-27',
    });
    expect(el.getAttribute('data-mode')).toBe('notice');
    expect(fill()?.classList).toContain('tone-red');
    expect(fill()?.style.width).toBe('25%');
    expect(el.querySelector('.main')?.classList).toContain('text-red');
    expect(el.textContent).toContain('Moving out in 30 days');
  });

  it('vacant: no bar, "Vacant since" the move-out date', async () => {
    await render({ ...base, lease_status: 'vacant', actual_move_out_date: '2026-02-15' });
    expect(el.getAttribute('data-mode')).toBe('vacant');
    expect(el.querySelector('[role=progressbar]')).toBeNull();
    expect(el.textContent?.trim()).toBe('Vacant since Feb 15, 2026');
  });

  it('compact mode drops the secondary caption', async () => {
    fixture.componentRef.setInput('compact', true);
    await render({ ...base, lease_begin_date: '2025-06-01', lease_end_date: '2026-12-31' });
    expect(el.textContent).not.toContain('ends');
  });
});
