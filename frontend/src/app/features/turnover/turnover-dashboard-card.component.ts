import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { TurnoverService } from '../../core/services/turnover.service';
import { StatCardComponent } from '../../shared/components/stat-card.component';

/** Dashboard widget (DASHBOARD_WIDGETS): "Turnovers: N active, M delayed". */
@Component({
  selector: 'app-turnover-dashboard-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatCardComponent],
  host: { style: 'display: contents' },
  template: `
    @if (stats.error()) {
      <app-stat-card
        data-card="turnover"
        label="Turnovers"
        icon="cycle"
        value="—"
        detail="Could not load turnovers."
        link="/turnover"
        linkLabel="Open the board"
      />
    } @else if (stats.hasValue()) {
      <app-stat-card
        data-card="turnover"
        label="Turnovers"
        icon="cycle"
        [value]="value()"
        [tone]="stats.value().delayed ? 'amber' : 'teal'"
        [detail]="detail()"
        link="/turnover"
        linkLabel="Open the board"
      />
    } @else {
      <app-stat-card
        data-card="turnover"
        label="Turnovers"
        icon="cycle"
        value="…"
        detail="Loading…"
      />
    }
  `,
})
export class TurnoverDashboardCardComponent {
  private readonly turnover = inject(TurnoverService);
  protected readonly stats = rxResource({ stream: () => this.turnover.stats() });
  protected readonly value = computed(() =>
    this.stats.hasValue() ? `${this.stats.value().active.toLocaleString('en-US')} active` : '—',
  );
  protected readonly detail = computed(() => {
    if (!this.stats.hasValue()) return null;
    const s = this.stats.value();
    const avg =
      s.avg_days_notice_to_leased === null
        ? ''
        : ` · avg ${s.avg_days_notice_to_leased} days to lease`;
    return `${s.delayed.toLocaleString('en-US')} delayed${avg}`;
  });
}
