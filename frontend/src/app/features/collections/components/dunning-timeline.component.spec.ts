import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { CollectionTimelineStep } from '../../../core/models';
import { dunningStrip, dunningStripText, nextActionView } from '../collections-format';
import { DunningTimelineComponent } from './dunning-timeline.component';

const SCHEDULE: [number, string, number, string[]][] = [
  [1, 'Friendly reminder', 1, ['sms']],
  [2, 'Detailed notice', 3, ['email']],
  [3, 'Formal notice', 5, ['email', 'letter']],
  [4, 'Payment plan offer', 8, ['email']],
  [5, 'Legal escalation warning', 12, ['letter']],
];

/** The API's timeline for a case whose steps 1..sent went out. */
function timeline(sent: number, failedLevel?: number): CollectionTimelineStep[] {
  return SCHEDULE.map(([level, label, day, channels]) => ({
    level,
    label,
    day,
    channels,
    done: level <= sent,
    skipped: false,
    sent_at: level <= sent ? '2026-03-20T08:00:00Z' : null,
    delivery_status: level <= sent ? (level === failedLevel ? 'failed' : 'outbox') : null,
  }));
}

describe('dunningStrip (the wireframe strip)', () => {
  it('brackets the current step and shows days on the others', () => {
    expect(dunningStripText(dunningStrip(timeline(3), 3))).toBe(
      'SMS(1d) → Email(3d) → [Formal] → Plan(8d) → Escalation',
    );
    expect(dunningStripText(dunningStrip(timeline(1), 1))).toBe(
      '[SMS] → Email(3d) → Formal(5d) → Plan(8d) → Escalation',
    );
    expect(dunningStripText(dunningStrip(timeline(5), 5))).toBe(
      'SMS(1d) → Email(3d) → Formal(5d) → Plan(8d) → [Legal]',
    );
  });

  it('marks sent steps done, the level current, the rest pending', () => {
    expect(dunningStrip(timeline(3), 3).map((s) => s.state)).toEqual([
      'done',
      'done',
      'current',
      'pending',
      'pending',
    ]);
    // A new case (level 0): nothing sent, nothing current.
    expect(dunningStrip(timeline(0), 0).map((s) => s.state)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('flags a failed delivery and describes each step in its title', () => {
    const steps = dunningStrip(timeline(2, 1), 2);
    expect(steps[0].failed).toBe(true);
    expect(steps[1].failed).toBe(false);
    expect(steps[0].title).toContain(
      'Friendly reminder · day 1 · sms · sent Mar 20, 2026 · Failed',
    );
    expect(steps[2].title).toBe('Formal notice · day 5 · email + letter');
  });

  it('shows steps the case opened past as skipped, and the legal step as needing approval', () => {
    // A case opened 9 days late: only step 4 was sent.
    const t = timeline(0).map((s) => ({ ...s, done: s.level === 4, skipped: s.level < 4 }));
    const steps = dunningStrip(t, 4);
    expect(steps.map((s) => s.state)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'current',
      'pending',
    ]);
    expect(dunningStripText(steps)).toBe('SMS → Email → Formal → [Plan] → Escalation');
    expect(steps[0].title).toContain('skipped');
    expect(steps[4].title).toContain("only with a manager's approval");
  });

  it('orders steps by level whatever order the API sends', () => {
    const shuffled = [...timeline(2)].reverse();
    expect(dunningStrip(shuffled, 2).map((s) => s.level)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('nextActionView', () => {
  const base = {
    next_action: null,
    payment_plan_status: null,
    resolved_at: null,
    escalation_level: 2,
  } as const;

  it('an open case shows its next step and when it is due', () => {
    const next = {
      level: 3,
      label: 'Formal notice',
      day: 5,
      channels: ['email', 'letter'],
      due_in_days: 2,
    };
    expect(nextActionView({ ...base, status: 'open', next_action: next })).toEqual({
      text: 'Formal notice',
      hint: 'in 2d',
      urgent: false,
    });
    expect(
      nextActionView({ ...base, status: 'open', next_action: { ...next, due_in_days: 0 } }),
    ).toEqual({
      text: 'Formal notice',
      hint: 'due now',
      urgent: true,
    });
  });

  it('other states read as the state', () => {
    expect(nextActionView({ ...base, status: 'escalated' }).text).toBe('Manager review');
    expect(
      nextActionView({ ...base, status: 'payment_plan', payment_plan_status: 'active' }),
    ).toEqual({
      text: 'On payment plan',
      hint: 'plan active',
      urgent: false,
    });
    expect(
      nextActionView({ ...base, status: 'paid', resolved_at: '2026-03-21T10:00:00Z' }).hint,
    ).toBe('Mar 21, 2026');
    expect(
      nextActionView({ ...base, status: 'open', escalation_level: 4, legal_referral: 'dismissed' }),
    ).toEqual({
      text: 'Reminders done',
      hint: 'legal referral dismissed',
      urgent: false,
    });
  });
});

describe('DunningTimelineComponent', () => {
  let fixture: ComponentFixture<DunningTimelineComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(DunningTimelineComponent);
    el = fixture.nativeElement;
  });

  it('renders five steps with done / current / pending styling and arrows between them', async () => {
    fixture.componentRef.setInput('timeline', timeline(3));
    fixture.componentRef.setInput('level', 3);
    await fixture.whenStable();
    const steps = [...el.querySelectorAll<HTMLElement>('.step')];
    expect(steps.map((s) => s.getAttribute('data-state'))).toEqual([
      'done',
      'done',
      'current',
      'pending',
      'pending',
    ]);
    expect(steps.map((s) => s.textContent?.trim())).toEqual([
      'SMS(1d)',
      'Email(3d)',
      '[Formal]',
      'Plan(8d)',
      'Escalation',
    ]);
    expect(steps[2].classList).toContain('current');
    expect(el.querySelectorAll('.tick').length).toBe(2);
    expect(el.querySelectorAll('.arrow').length).toBe(4);
    expect(el.getAttribute('aria-label')).toBe(
      'Dunning timeline: SMS(1d) → Email(3d) → [Formal] → Plan(8d) → Escalation',
    );
  });

  it('marks a step whose delivery failed', async () => {
    fixture.componentRef.setInput('timeline', timeline(2, 2));
    fixture.componentRef.setInput('level', 2);
    await fixture.whenStable();
    const failed = el.querySelector<HTMLElement>('.step.failed');
    expect(failed?.getAttribute('data-level')).toBe('2');
    expect(failed?.getAttribute('title')).toContain('delivery failed');
  });
});
