import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { IconComponent, IconName } from './icon.component';

export type StatTone = 'default' | 'teal' | 'gold' | 'red' | 'amber';

/** A headline number with a label and a detail line; extra content (bars, badges) is projected. */
@Component({
  selector: 'app-stat-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, IconComponent],
  host: { '[class]': '"tone-" + tone()', 'data-testid': 'stat-card' },
  template: `
    <div class="head">
      <span class="label">{{ label() }}</span>
      @if (icon(); as i) {
        <span class="icon"><app-icon [name]="i" [size]="16" /></span>
      }
    </div>
    <div class="value" [class.money]="mono()" [class.num]="!mono()">{{ value() }}</div>
    @if (detail()) {
      <div class="detail">{{ detail() }}</div>
    }
    <ng-content />
    @if (link(); as l) {
      <a class="more" [routerLink]="l">{{ linkLabel() }} →</a>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 16px 18px;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      box-shadow: var(--shadow-sm);
      min-width: 0;
      position: relative;
      overflow: hidden;
    }
    :host::before {
      content: '';
      position: absolute;
      inset: 0 auto 0 0;
      width: 3px;
      background: var(--border-strong);
    }
    :host(.tone-teal)::before {
      background: var(--teal);
    }
    :host(.tone-gold)::before {
      background: var(--gold);
    }
    :host(.tone-red)::before {
      background: var(--red);
    }
    :host(.tone-amber)::before {
      background: var(--amber);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .label {
      font: 600 12px var(--font-heading);
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--muted);
    }
    .icon {
      color: var(--faint);
    }
    .value {
      font-size: 26px;
      font-weight: 600;
      color: var(--primary);
      letter-spacing: -0.02em;
      line-height: 1.2;
    }
    .value.num {
      font-family: var(--font-heading);
      font-weight: 800;
    }
    .value.money {
      font-size: 23px;
    }
    :host(.tone-red) .value {
      color: var(--red);
    }
    .detail {
      color: var(--muted);
      font-size: 12.5px;
    }
    .more {
      margin-top: auto;
      padding-top: 6px;
      font-size: 12.5px;
      font-weight: 600;
    }
  `,
})
export class StatCardComponent {
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly detail = input<string | null>(null);
  readonly tone = input<StatTone>('default');
  readonly icon = input<IconName | null>(null);
  /** Money values use JetBrains Mono. */
  readonly mono = input(false);
  readonly link = input<string | null>(null);
  readonly linkLabel = input('View');
}
