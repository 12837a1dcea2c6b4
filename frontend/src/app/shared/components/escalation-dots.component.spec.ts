import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { EscalationDotsComponent, escalationSeverity } from './escalation-dots.component';

describe('EscalationDotsComponent', () => {
  let fixture: ComponentFixture<EscalationDotsComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(EscalationDotsComponent);
    el = fixture.nativeElement;
  });

  async function render(level: number, showLabel = true) {
    fixture.componentRef.setInput('level', level);
    fixture.componentRef.setInput('showLabel', showLabel);
    await fixture.whenStable();
  }
  const on = () => el.querySelectorAll('.dot.on').length;

  it('fills one dot per level out of five and reads "3/5"', async () => {
    await render(3);
    expect(el.querySelectorAll('.dot').length).toBe(5);
    expect(on()).toBe(3);
    expect(el.querySelector('.label')?.textContent?.trim()).toBe('3/5');
    expect(el.getAttribute('aria-label')).toBe('Escalation level 3 of 5');
    expect(el.getAttribute('data-level')).toBe('3');
  });

  it.each([
    [0, 'sev-none'],
    [1, 'sev-low'],
    [2, 'sev-low'],
    [3, 'sev-mid'],
    [4, 'sev-mid'],
    [5, 'sev-high'],
  ])('level %i is coloured %s', async (level, cls) => {
    await render(level);
    expect(el.classList).toContain(cls);
    expect(on()).toBe(level);
  });

  it('clamps out-of-range levels and can hide the label', async () => {
    await render(9, false);
    expect(on()).toBe(5);
    expect(el.querySelector('.label')).toBeNull();
    await render(-2);
    expect(on()).toBe(0);
    expect(el.querySelector('.label')?.textContent?.trim()).toBe('0/5');
  });

  it('escalationSeverity bands', () => {
    expect([0, 1, 2, 3, 4, 5].map(escalationSeverity)).toEqual([
      'none',
      'low',
      'low',
      'mid',
      'mid',
      'high',
    ]);
  });
});
