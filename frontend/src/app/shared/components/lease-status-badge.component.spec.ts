import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { LeaseStatusBadgeComponent } from './lease-status-badge.component';

describe('LeaseStatusBadgeComponent', () => {
  let fixture: ComponentFixture<LeaseStatusBadgeComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(LeaseStatusBadgeComponent);
    el = fixture.nativeElement;
  });

  async function render(status: string | null, short = false) {
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('short', short);
    await fixture.whenStable();
  }

  it.each([
    ['active', 'Active'],
    ['month_to_month', 'Month-to-Month'],
    ['notice', 'Notice'],
    ['vacant', 'Vacant'],
  ])('renders %s as "%s" with its colour class', async (status, label) => {
    await render(status);
    expect(el.textContent?.trim()).toBe(label);
    expect(el.getAttribute('data-status')).toBe(status);
    expect(el.classList).toContain(`badge-${status}`);
  });

  it('uses the short MTM label when asked', async () => {
    await render('month_to_month', true);
    expect(el.textContent?.trim()).toBe('MTM');
    expect(el.getAttribute('title')).toBe('Month-to-Month');
  });

  it('shows "No lease" for a missing or unknown state', async () => {
    await render(null);
    expect(el.textContent?.trim()).toBe('No lease');
    expect(el.getAttribute('data-status')).toBe('none');
    await render('occupied');
    expect(el.classList).toContain('badge-none');
  });
});
