import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { AIActionBrief } from '../../../core/services/command-center.service';
import { IconComponent, IconName } from '../../../shared/components/icon.component';
import { ACTION_ICONS, PRIORITY_LABELS, confidencePct } from '../command-center-format';

/**
 * The AI recommendation pill (spec 1.4 AIActionBadgeComponent): an icon per action, the recommendation's description
 * ("Offer renewal @ $1,150") and its confidence. Urgent items get a pulsing orange ring; "+1" when the unit
 * has a second recommendation.
 */
@Component({
  selector: 'app-ai-action-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  host: {
    '[class]': '"ai-badge prio-" + (action()?.priority ?? "none")',
    '[attr.data-action-type]': 'action()?.action_type ?? null',
    '[attr.data-priority]': 'action()?.priority ?? null',
    '[attr.data-confidence]': 'action()?.confidence ?? null',
    '[attr.title]': 'title()',
  },
  template: `
    @if (action(); as a) {
      <app-icon
        class="icon"
        [name]="icon()"
        [size]="13"
        aria-hidden="true"
        [attr.data-icon]="icon()"
      />
      <span class="text" data-testid="ai-action-text">{{ a.description }}</span>
      <span class="conf" data-testid="ai-confidence" [attr.aria-label]="'confidence ' + pct()">{{
        pct()
      }}</span>
      @if (more() > 0) {
        <span class="more" [attr.aria-label]="more() + ' more recommendation'">+{{ more() }}</span>
      }
    } @else {
      <span class="none">—</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      max-width: 100%;
      padding: 2px 4px 2px 8px;
      border-radius: 999px;
      font: 600 12px/18px var(--font-body);
      background: var(--teal-soft);
      color: #115e59;
      white-space: nowrap;
      vertical-align: middle;
    }
    :host(.prio-none) {
      background: transparent;
      padding: 0;
      color: var(--faint);
    }
    :host(.prio-high) {
      background: #fef3c7;
      color: #92400e;
    }
    :host(.prio-urgent) {
      background: #ffedd5;
      color: #9a3412;
      box-shadow: 0 0 0 2px var(--orange);
      animation: pulse 1.8s ease-in-out infinite;
    }
    :host([data-action-type='eviction_prep']) {
      background: var(--red-soft);
      color: #991b1b;
    }
    .icon {
      flex: none;
    }
    .text {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .conf {
      font: 600 11px/16px var(--font-mono);
      padding: 0 6px;
      border-radius: 999px;
      background: rgba(255, 255, 255, 0.7);
    }
    .more {
      font-size: 11px;
      opacity: 0.75;
      padding-right: 4px;
    }
    @keyframes pulse {
      50% {
        box-shadow: 0 0 0 4px rgba(234, 88, 12, 0.35);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host(.prio-urgent) {
        animation: none;
      }
    }
  `,
})
export class AiActionBadgeComponent {
  readonly action = input<AIActionBrief | null | undefined>(null);
  /** How many open recommendations the unit has (the badge shows the top one). */
  readonly count = input(1);

  protected readonly icon = computed<IconName>(() => {
    const a = this.action();
    return (a && ACTION_ICONS[a.action_type]) || 'sparkles';
  });
  protected readonly pct = computed(() => confidencePct(this.action()?.confidence));
  protected readonly more = computed(() => Math.max(0, this.count() - 1));
  protected readonly title = computed(() => {
    const a = this.action();
    if (!a) return 'No AI recommendation';
    return `${a.label} — ${this.pct()} confidence, ${PRIORITY_LABELS[a.priority] ?? a.priority} priority. ${a.reason}`;
  });
}
