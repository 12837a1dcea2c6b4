import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LeaseDates } from '../../core/models';
import { AppDatePipe } from '../pipes/app-date.pipe';
import { computeLeaseProgress } from '../utils/lease-progress';

/** The lease progress bar in its four modes (active, month-to-month, notice, vacant). */
@Component({
  selector: 'app-lease-progress',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppDatePipe],
  host: { '[attr.data-mode]': 'progress().mode', '[class.compact]': 'compact()' },
  template: `
    @let p = progress();
    @switch (p.mode) {
      @case ('active') {
        <div
          class="track"
          role="progressbar"
          aria-label="Lease term elapsed"
          [attr.aria-valuenow]="p.percent"
          aria-valuemin="0"
          aria-valuemax="100"
        >
          <div class="fill" [class]="'fill tone-' + p.tone" [style.width.%]="p.percent"></div>
        </div>
        <div class="caption">
          <span class="main" [class]="'main text-' + p.tone">{{ p.label }}</span>
          @if (!compact()) {
            <span class="muted">{{ p.percent }}% · ends {{ p.endDate | appDate }}</span>
          }
        </div>
      }
      @case ('month_to_month') {
        <div
          class="track"
          role="progressbar"
          aria-label="Month-to-month holdover"
          aria-valuetext="Rolling"
        >
          <div class="fill rolling"></div>
        </div>
        <div class="caption">
          <span class="main text-amber">{{ p.label }}</span>
        </div>
      }
      @case ('notice') {
        <div
          class="track track-notice"
          role="progressbar"
          aria-label="Notice period elapsed"
          [attr.aria-valuenow]="p.percent"
          aria-valuemin="0"
          aria-valuemax="100"
        >
          <div class="fill tone-red" [style.width.%]="p.percent"></div>
        </div>
        <div class="caption">
          <span class="main text-red">{{ p.label }}</span>
          @if (!compact()) {
            <span class="muted">move-out {{ p.moveOutDate | appDate }}</span>
          }
        </div>
      }
      @case ('vacant') {
        <div class="caption">
          <span class="main text-vacant">{{ p.label }}</span>
        </div>
      }
      @default {
        <div class="caption">
          <span class="muted">{{ p.label }}</span>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 140px;
    }
    .track {
      position: relative;
      height: 8px;
      border-radius: 999px;
      background: #e9eef4;
      overflow: hidden;
    }
    :host(.compact) .track {
      height: 6px;
    }
    .track-notice {
      background: #fee2e2;
    }
    .fill {
      height: 100%;
      min-width: 4px;
      border-radius: inherit;
      transition: width 0.3s ease;
    }
    .tone-teal {
      background: var(--teal);
    }
    .tone-amber {
      background: var(--amber);
    }
    .tone-orange {
      background: var(--orange);
    }
    .tone-red {
      background: var(--red);
    }
    .rolling {
      width: 100%;
      background: repeating-linear-gradient(-45deg, var(--amber) 0 10px, #f59e0b 10px 20px);
      background-size: 28px 28px;
      animation:
        roll 1.2s linear infinite,
        pulse 2s ease-in-out infinite;
    }
    @keyframes roll {
      to {
        background-position: 28px 0;
      }
    }
    @keyframes pulse {
      50% {
        opacity: 0.55;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .rolling {
        animation: none;
      }
    }
    .caption {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 8px;
      margin-top: 5px;
      font-size: 12px;
      line-height: 1.3;
    }
    :host(.compact) .caption {
      margin-top: 4px;
      font-size: 11.5px;
    }
    .main {
      font-weight: 600;
      white-space: nowrap;
    }
    .muted {
      color: var(--muted);
      white-space: nowrap;
    }
    .text-teal {
      color: var(--teal);
    }
    .text-amber {
      color: var(--amber);
    }
    .text-orange {
      color: var(--orange);
    }
    .text-red {
      color: var(--red);
    }
    .text-vacant {
      color: var(--muted);
    }
  `,
})
export class LeaseProgressComponent {
  readonly lease = input<LeaseDates | null | undefined>(null);
  /** Smaller, without the secondary caption (tooltips, table cells). */
  readonly compact = input(false);
  /** "Today" — for tests and stable screenshots; defaults to now. */
  readonly today = input<Date | null>(null);

  protected readonly progress = computed(() =>
    computeLeaseProgress(this.lease(), this.today() ?? new Date()),
  );
}
