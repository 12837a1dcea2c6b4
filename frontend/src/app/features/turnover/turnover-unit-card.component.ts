import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { of } from 'rxjs';

import { LeaseLifecycle, Unit } from '../../core/models';
import { TurnoverService } from '../../core/services/turnover.service';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { cardLines } from './turnover-format';

/**
 * Unit page card (provideUnitDetailCard, Overview tab): the unit's open turnover case, its stage and a link, for a
 * unit whose lease is on notice or that is vacant. Nothing for an occupied unit without a case.
 */
@Component({
  selector: 'app-turnover-unit-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, AppDatePipe],
  template: `
    @if (relevant() && cases.hasValue()) {
      @let c = cases.value().results[0];
      <section class="card turnover-card" data-testid="unit-turnover-card">
        <div class="card-header"><h2>Turnover</h2></div>
        <div class="card-body">
          @if (c) {
            <p>
              <strong>{{ c.stage_label }}</strong>
              @if (c.delayed) {
                <span class="chip chip-danger">Delayed</span>
              }
              · notice {{ c.notice_date | appDate }} · {{ lines(c).join(' · ') }}
            </p>
            <a [routerLink]="['/turnover', c.id]" data-testid="unit-turnover-link"
              >Open the turnover case</a
            >
          } @else {
            <p class="muted">No turnover case for this unit yet.</p>
          }
        </div>
      </section>
    }
  `,
  styles: `
    .card-header h2 {
      font-size: 16px;
      margin: 0;
    }
    .card-body p {
      margin: 0 0 8px;
    }
  `,
})
export class TurnoverUnitCardComponent {
  private readonly turnover = inject(TurnoverService);
  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);

  protected readonly relevant = computed(
    () => this.unit().status === 'vacant' || this.lease()?.lease_status === 'notice',
  );
  protected readonly cases = rxResource({
    params: () => (this.relevant() ? this.unit().id : null),
    stream: ({ params }) =>
      params
        ? this.turnover.list({ unit: params, open: true, page_size: 1 })
        : of({ count: 0, next: null, previous: null, results: [] }),
  });
  protected readonly lines = cardLines;
}
