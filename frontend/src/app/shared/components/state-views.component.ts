import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { IconComponent } from './icon.component';

/** Placeholder while data loads: shimmering rows (or a compact spinner line). */
@Component({
  selector: 'app-loading-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', 'aria-live': 'polite', 'data-state': 'loading' },
  template: `
    <span class="sr-only">{{ label() }}</span>
    @for (r of rowsArray(); track $index) {
      <div class="bar" [style.width.%]="r"></div>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 16px 18px;
    }
    .bar {
      height: 12px;
      margin: 10px 0;
      border-radius: 6px;
      background: linear-gradient(90deg, #eef2f6 25%, #f7f9fb 37%, #eef2f6 63%);
      background-size: 400% 100%;
      animation: shimmer 1.3s ease infinite;
    }
    @keyframes shimmer {
      from {
        background-position: 100% 50%;
      }
      to {
        background-position: 0 50%;
      }
    }
  `,
})
export class LoadingStateComponent {
  readonly label = input('Loading…');
  readonly rows = input(3);
  protected rowsArray(): number[] {
    const widths = [92, 76, 84, 60, 88, 70];
    return Array.from({ length: this.rows() }, (_, i) => widths[i % widths.length]);
  }
}

/** Nothing to show: an icon, a title and an optional hint. */
@Component({
  selector: 'app-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  host: { 'data-state': 'empty' },
  template: `
    <app-icon name="inbox" [size]="28" />
    <div class="title">{{ title() }}</div>
    @if (hint()) {
      <div class="hint">{{ hint() }}</div>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
      padding: 32px 16px;
      color: var(--faint);
      text-align: center;
    }
    .title {
      font: 700 14px var(--font-heading);
      color: var(--text-2);
      margin-top: 6px;
    }
    .hint {
      color: var(--muted);
      font-size: 13px;
    }
  `,
})
export class EmptyStateComponent {
  readonly title = input('Nothing here yet');
  readonly hint = input<string | null>(null);
}

/** A failed load: the message and a Retry button. */
@Component({
  selector: 'app-error-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  host: { role: 'alert', 'data-state': 'error' },
  template: `
    <app-icon name="alert" [size]="22" />
    <div class="text">
      <div class="title">{{ title() }}</div>
      <div class="msg">{{ message() }}</div>
    </div>
    <button type="button" class="btn btn-sm" (click)="retry.emit()">Retry</button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 12px;
      margin: 12px;
      padding: 12px 14px;
      border-radius: 8px;
      background: #fef2f2;
      border: 1px solid #fecaca;
      color: var(--red);
    }
    .text {
      flex: 1;
    }
    .title {
      font-weight: 700;
      color: #991b1b;
    }
    .msg {
      color: #7f1d1d;
      font-size: 13px;
    }
  `,
})
export class ErrorStateComponent {
  readonly title = input('Could not load this');
  readonly message = input<string>('Something went wrong.');
  readonly retry = output<void>();
}
