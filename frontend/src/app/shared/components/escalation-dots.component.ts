import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { MAX_ESCALATION_LEVEL } from '../../core/models';

export type EscalationSeverity = 'none' | 'low' | 'mid' | 'high';

/** Colour band of an escalation level: 1–2 amber, 3–4 orange, 5 red (0: nothing sent yet). */
export function escalationSeverity(level: number): EscalationSeverity {
  if (level >= MAX_ESCALATION_LEVEL) return 'high';
  if (level >= 3) return 'mid';
  if (level >= 1) return 'low';
  return 'none';
}

/** A collection case's escalation level as five dots and "3/5" (spec 1.3). */
@Component({
  selector: 'app-escalation-dots',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'img',
    '[attr.aria-label]': '"Escalation level " + clamped() + " of " + max',
    '[attr.title]': '"Escalation level " + clamped() + " of " + max',
    '[attr.data-level]': 'clamped()',
    '[class]': '"sev-" + severity()',
  },
  template: `
    <span class="dots" aria-hidden="true">
      @for (d of dots(); track $index) {
        <span class="dot" [class.on]="d"></span>
      }
    </span>
    @if (showLabel()) {
      <span class="label" aria-hidden="true">{{ clamped() }}/{{ max }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      vertical-align: middle;
      --dot-on: var(--amber);
    }
    :host(.sev-mid) {
      --dot-on: var(--orange);
    }
    :host(.sev-high) {
      --dot-on: var(--red);
    }
    .dots {
      display: inline-flex;
      gap: 3px;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: #e2e8f0;
      box-shadow: inset 0 0 0 1px rgba(15, 23, 42, 0.06);
    }
    .dot.on {
      background: var(--dot-on);
      box-shadow: none;
    }
    .label {
      font: 600 12px var(--font-mono);
      font-variant-numeric: tabular-nums;
      color: var(--text-2);
    }
  `,
})
export class EscalationDotsComponent {
  /** 0 (new) to 5 (escalated). */
  readonly level = input.required<number>();
  /** Show "3/5" after the dots. */
  readonly showLabel = input(true);

  protected readonly max = MAX_ESCALATION_LEVEL;
  protected readonly clamped = computed(() =>
    Math.min(MAX_ESCALATION_LEVEL, Math.max(0, Math.round(this.level() || 0))),
  );
  protected readonly severity = computed(() => escalationSeverity(this.clamped()));
  protected readonly dots = computed(() =>
    Array.from({ length: MAX_ESCALATION_LEVEL }, (_, i) => i < this.clamped()),
  );
}
