import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { AIActionBrief } from '../../../core/services/command-center.service';
import { AiActionBadgeComponent } from './ai-action-badge.component';

const ACTION: AIActionBrief = {
  id: 'A1',
  action_type: 'renewal_offer',
  label: 'Offer renewal',
  description: 'Offer renewal @ $1,150',
  confidence: 0.92,
  priority: 'urgent',
  status: 'pending',
  reason: 'Month-to-month for 120 days at $75.00 below market.',
};

function render(action: AIActionBrief | null, count = 1) {
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  const fixture = TestBed.createComponent(AiActionBadgeComponent);
  fixture.componentRef.setInput('action', action);
  fixture.componentRef.setInput('count', count);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('AiActionBadgeComponent', () => {
  it('shows the description, the confidence as a percentage and the marker', () => {
    const el = render(ACTION);
    expect(el.querySelector('[data-testid=ai-action-text]')?.textContent).toBe(
      'Offer renewal @ $1,150',
    );
    expect(el.querySelector('[data-testid=ai-confidence]')?.textContent).toBe('92%');
    expect(el.querySelector('.icon')?.getAttribute('data-icon')).toBe('renew');
    expect(el.getAttribute('data-action-type')).toBe('renewal_offer');
    expect(el.getAttribute('data-confidence')).toBe('0.92');
  });

  it('marks urgent items for the pulsing ring and explains itself in the tooltip', () => {
    const el = render(ACTION);
    expect(el.classList).toContain('prio-urgent');
    expect(el.getAttribute('data-priority')).toBe('urgent');
    expect(el.getAttribute('title')).toBe(
      'Offer renewal — 92% confidence, Urgent priority. Month-to-month for 120 days at $75.00 below market.',
    );
  });

  it('uses the warning icon for eviction prep and the sparkles for early renewals', () => {
    expect(
      render({ ...ACTION, action_type: 'eviction_prep', priority: 'high' })
        .querySelector('.icon')
        ?.getAttribute('data-icon'),
    ).toBe('alert');
    TestBed.resetTestingModule();
    expect(
      render({ ...ACTION, action_type: 'early_renewal_nudge', priority: 'medium' })
        .querySelector('.icon')
        ?.getAttribute('data-icon'),
    ).toBe('sparkles');
  });

  it('counts further recommendations', () => {
    expect(render(ACTION, 2).querySelector('.more')?.textContent).toBe('+1');
    TestBed.resetTestingModule();
    expect(render(ACTION, 1).querySelector('.more')).toBeNull();
  });

  it('shows a dash without a recommendation', () => {
    const el = render(null);
    expect(el.textContent?.trim()).toBe('—');
    expect(el.classList).toContain('prio-none');
    expect(el.getAttribute('data-action-type')).toBeNull();
  });
});
