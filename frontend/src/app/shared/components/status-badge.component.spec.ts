import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { STATUS_TONES, StatusBadgeComponent, statusTone } from './status-badge.component';

describe('StatusBadgeComponent', () => {
  let fixture: ComponentFixture<StatusBadgeComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(StatusBadgeComponent);
    el = fixture.nativeElement;
  });

  async function render(kind: string, status: string | null, dot = false) {
    fixture.componentRef.setInput('kind', kind);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('dot', dot);
    await fixture.whenStable();
  }

  it.each([
    ['renewal', 'pending', 'Pending', 'amber'],
    ['renewal', 'sent', 'Sent', 'indigo'],
    ['collection', 'payment_plan', 'Payment plan', 'blue'],
    ['collection', 'escalated', 'Escalated', 'red'],
    ['tone', 'friendly', 'Friendly', 'teal'],
    ['churn', 'critical', 'Critical', 'red'],
  ])('%s %s reads "%s" in %s from the design tokens', async (kind, status, label, tone) => {
    await render(kind, status);
    expect(el.textContent?.trim()).toBe(label);
    expect(el.getAttribute('data-status')).toBe(status);
    expect(el.getAttribute('data-tone')).toBe(tone);
    expect(el.style.getPropertyValue('--badge-bg')).toBe(`var(--tone-${tone}-bg)`);
    expect(el.style.getPropertyValue('--badge-fg')).toBe(`var(--tone-${tone}-fg)`);
  });

  it('shows an unknown status as itself, in grey', async () => {
    await render('renewal', 'archived');
    expect(el.textContent?.trim()).toBe('archived');
    expect(el.getAttribute('data-status')).toBe('none');
    expect(el.getAttribute('data-tone')).toBe('grey');
  });

  it('draws the dot only when asked', async () => {
    await render('renewal', 'approved');
    expect(el.querySelector('.dot')).toBeNull();
    await render('renewal', 'approved', true);
    expect(el.querySelector('.dot')).not.toBeNull();
  });

  it('maps every status to a tone token that exists', () => {
    const tones = new Set(['grey', 'green', 'teal', 'amber', 'orange', 'red', 'blue', 'indigo']);
    for (const map of Object.values(STATUS_TONES))
      for (const t of Object.values(map)) expect(tones.has(t)).toBe(true);
    expect(statusTone('renewal', null)).toBe('grey');
  });
});
