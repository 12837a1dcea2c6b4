import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { CollectionTimelineStep } from '../../../core/models';
import { dunningStrip, dunningStripText } from '../collections-format';

/**
 * The five-step dunning strip: "SMS(1d) → Email(3d) → [Formal] → Plan(8d) → Escalation", with
 * sent steps, the case's current step and pending steps styled apart; a failed delivery is flagged.
 */
@Component({
  selector: 'app-dunning-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.aria-label]': '"Dunning timeline: " + text()', role: 'list' },
  template: `
    @for (s of steps(); track s.level) {
      <span
        class="step"
        role="listitem"
        [class]="'step ' + s.state"
        [class.failed]="s.failed"
        [attr.data-state]="s.state"
        [attr.data-level]="s.level"
        [attr.title]="s.title + (s.failed ? ' — delivery failed' : '')"
      >
        @if (s.state === 'done') {
          <svg class="tick" viewBox="0 0 12 12" aria-hidden="true">
            <path d="M2.5 6.2 5 8.6l4.6-5" />
          </svg>
        }
        {{ s.text }}
        @if (s.failed) {
          <span class="warn" aria-label="delivery failed">!</span>
        }
      </span>
      @if (!$last) {
        <span class="arrow" aria-hidden="true">→</span>
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      font-size: 12px;
      line-height: 20px;
    }
    .step {
      display: inline-flex;
      align-items: center;
      gap: 3px;
      padding: 0 7px;
      border-radius: 999px;
      white-space: nowrap;
      font-family: var(--font-mono);
      font-size: 11.5px;
    }
    .done {
      background: var(--teal-soft);
      color: #115e59;
    }
    .current {
      background: var(--primary);
      color: #fff;
      font-weight: 700;
      box-shadow: 0 0 0 2px var(--gold);
    }
    .pending {
      color: var(--faint);
      border: 1px dashed var(--border-strong);
      line-height: 18px;
    }
    .skipped {
      color: var(--faint);
      text-decoration: line-through;
    }
    .failed {
      background: var(--red-soft);
      color: #991b1b;
    }
    .tick {
      width: 10px;
      height: 10px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .warn {
      font-weight: 800;
      color: var(--red);
    }
    .arrow {
      color: var(--faint);
    }
  `,
})
export class DunningTimelineComponent {
  readonly timeline = input.required<readonly CollectionTimelineStep[]>();
  /** The case's escalation level (0–5). */
  readonly level = input.required<number>();

  protected readonly steps = computed(() => dunningStrip(this.timeline(), this.level()));
  protected readonly text = computed(() => dunningStripText(this.steps()));
}
