import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';

import { ResponsibilityService } from '../../core/services/responsibility.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { MoneyPipe } from '../../shared/pipes/money.pipe';

/**
 * The tenant's page behind the signed, expiring link in the charge notice (`/charge-dispute/:token`, no sign-in):
 * the charge with the original reasoning and evidence, and a form to dispute it.
 */
@Component({
  selector: 'app-charge-dispute',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MoneyPipe, LoadingStateComponent, ErrorStateComponent],
  template: `
    <main class="wrap">
      <h1>Repair charge</h1>
      @if (charge.error(); as err) {
        <app-error-state title="This link cannot be used" [message]="message(err)" />
      } @else if (charge.hasValue()) {
        @let c = charge.value();
        <section class="card" data-testid="public-charge">
          <div class="card-body">
            <p class="muted">
              {{ c.property_name }} · Unit {{ c.unit_number }} · {{ c.work_order_number }}
              {{ c.work_order_title }}
            </p>
            <p class="amount money">{{ c.amount | money }}</p>
            <p>
              <strong>{{ c.description }}</strong>
            </p>
            <p class="why">{{ c.evidence_summary }}</p>
            @if (c.can_dispute) {
              <label class="field">
                <span>Why do you disagree?</span>
                <textarea
                  class="input"
                  rows="4"
                  [ngModel]="text()"
                  (ngModelChange)="text.set($event)"
                  data-testid="public-dispute-text"
                ></textarea>
              </label>
              @if (error()) {
                <p class="api-error" role="alert">{{ error() }}</p>
              }
              <button
                type="button"
                class="btn btn-primary"
                [disabled]="busy() || !text().trim()"
                (click)="send()"
                data-testid="public-dispute-send"
              >
                Dispute this charge
              </button>
            } @else if (c.status === 'disputed') {
              <p class="chip chip-warn" data-testid="public-disputed">
                Your dispute was received; the office will review it.
              </p>
            } @else {
              <p class="muted">This charge is {{ c.status }}.</p>
            }
          </div>
        </section>
      } @else {
        <app-loading-state />
      }
    </main>
  `,
  styles: `
    .wrap {
      max-width: 640px;
      margin: 32px auto;
      padding: 0 16px;
    }
    .amount {
      font-size: 2rem;
      margin: 8px 0;
    }
    .why {
      white-space: pre-line;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 16px 0 8px;
    }
  `,
})
export class ChargeDisputeComponent {
  private readonly api = inject(ResponsibilityService);

  /** Route param. */
  readonly token = input.required<string>();

  protected readonly charge = rxResource({
    params: () => this.token(),
    stream: ({ params }) => this.api.publicCharge(params),
  });
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly message = errorMessage;

  protected send(): void {
    this.busy.set(true);
    this.error.set('');
    this.api.publicDispute(this.token(), this.text()).subscribe({
      next: (c) => {
        this.busy.set(false);
        this.charge.set(c);
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }
}
