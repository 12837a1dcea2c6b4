import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { IconComponent } from '../components/icon.component';
import { ScanControl } from './scan-run';

/**
 * The banner under a list screen's "Scan Now" button: progress while the scan runs (what it does goes in
 * `[scanRunning]`, the seconds counter is added), the result (`[scanDone]`, dismissable) or the error
 * with Retry.
 */
@Component({
  selector: 'app-scan-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    @if (scan().running()) {
      <div
        class="card scan-banner running"
        role="status"
        aria-live="polite"
        data-testid="scan-progress"
      >
        <app-icon name="refresh" [size]="18" class="spin" />
        <div class="scan-text">
          <ng-content select="[scanRunning]" />
          <span class="muted">Working for {{ scan().elapsed() }} s — {{ expected() }}</span>
        </div>
        <div class="indeterminate" aria-hidden="true"><span></span></div>
      </div>
    } @else if (scan().done()) {
      <div class="card scan-banner done" role="status" data-testid="scan-result">
        <app-icon name="sparkles" [size]="18" />
        <div class="scan-text"><ng-content select="[scanDone]" /></div>
        <button
          type="button"
          class="btn btn-sm btn-ghost"
          (click)="scan().dismiss()"
          aria-label="Dismiss"
        >
          <app-icon name="x" [size]="14" />
        </button>
      </div>
    } @else if (scan().error(); as e) {
      <div class="card scan-banner failed" role="alert" data-testid="scan-error">
        <app-icon name="alert" [size]="18" />
        <div class="scan-text">
          <strong>The scan failed</strong>
          <span>{{ e }}</span>
        </div>
        <button type="button" class="btn btn-sm" (click)="scan().start()">Retry</button>
      </div>
    }
  `,
  styleUrl: './scan-banner.css',
})
export class ScanBannerComponent {
  readonly scan = input.required<ScanControl>();
  /** How long a scan usually takes, after the seconds counter. */
  readonly expected = input('');
}
