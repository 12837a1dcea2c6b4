import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { TurnoverCase, TurnoverStage } from '../../core/models';
import { TurnoverService } from '../../core/services/turnover.service';
import { errorMessage } from '../../core/utils/api-error';
import { PropertySelectComponent } from '../../shared/components/property-select.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { STAGE_LABELS, cardLines, downloadBlob, moveKind, nextStage } from './turnover-format';

/**
 * /turnover: the Kanban board (spec 2.1): Notice → Inspect → Make Ready → Listed → Leased. Cards move by drag and
 * drop (Angular CDK) or the card's "→" button; forward one stage at a time, back with a reason (asked here).
 * The API refuses anything else and says why. Columns scroll sideways on a phone.
 */
@Component({
  selector: 'app-turnover-board',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CdkDropListGroup,
    CdkDropList,
    CdkDrag,
    RouterLink,
    PropertySelectComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  template: `
    <div class="page">
      <header class="page-header">
        <div class="title-block">
          <h1 class="title">Turnover Pipeline</h1>
          @if (board.hasValue()) {
            @let b = board.value();
            <div class="subtitle" data-testid="turnover-header">
              Avg {{ b.avg_days_active ?? '—' }} days · {{ b.active }} active
              @if (b.delayed) {
                · <span class="text-red">{{ b.delayed }} delayed</span>
              }
              · target {{ b.target_days }} days
            </div>
          }
        </div>
        <div class="actions">
          <app-property-select [value]="property()" (valueChange)="setProperty($event)" />
          <button type="button" class="btn" (click)="exportCsv()" data-testid="turnover-export">
            Export CSV
          </button>
        </div>
      </header>
      @if (message(); as m) {
        <div class="api-error" role="alert" data-testid="turnover-move-error">{{ m }}</div>
      }
      @if (board.error(); as err) {
        <div class="card">
          <app-error-state
            title="Could not load the board"
            [message]="errorText(err)"
            (retry)="board.reload()"
          />
        </div>
      } @else if (board.hasValue()) {
        @let b = board.value();
        @if (!b.active && !b.columns[4].count) {
          <div class="card">
            <app-empty-state
              title="No turnovers"
              hint="A case opens when a tenant gives notice or a unit is vacated."
            />
          </div>
        }
        <div class="board" cdkDropListGroup data-testid="turnover-board">
          @for (col of b.columns; track col.stage) {
            <section class="column" [attr.data-stage]="col.stage" [attr.aria-label]="col.label">
              <h2 class="col-title">
                {{ col.label }} <span class="count">({{ col.count }})</span>
              </h2>
              <div
                class="drop"
                cdkDropList
                [id]="'col-' + col.stage"
                [cdkDropListData]="col.stage"
                [cdkDropListDisabled]="!canMove()"
                (cdkDropListDropped)="dropped($event)"
                [attr.data-testid]="'column-' + col.stage"
              >
                @for (c of col.cases; track c.id) {
                  <article
                    class="tcard"
                    cdkDrag
                    [cdkDragData]="c"
                    [class.delayed]="c.delayed"
                    [attr.data-case]="c.id"
                    [attr.data-unit]="c.unit_number"
                    data-testid="turnover-card"
                  >
                    <div class="tcard-head">
                      <a [routerLink]="['/turnover', c.id]" class="unit" draggable="false">{{
                        c.unit_number
                      }}</a>
                      @if (c.delayed) {
                        <span class="chip chip-danger" data-testid="delayed-chip">Delayed</span>
                      }
                    </div>
                    <div class="prop muted">{{ c.property_name }}</div>
                    @for (line of lines(c); track $index) {
                      <div class="line">{{ line }}</div>
                    }
                    @if (canMove() && next(c.stage); as to) {
                      <button
                        type="button"
                        class="btn btn-sm btn-ghost move"
                        (click)="move(c, to)"
                        [disabled]="busy()"
                        [attr.aria-label]="'Move ' + c.unit_number + ' to ' + label(to)"
                        data-testid="move-next"
                      >
                        → {{ label(to) }}
                      </button>
                    }
                  </article>
                }
                @if (col.count > col.cases.length) {
                  <div class="muted more">+{{ col.count - col.cases.length }} more</div>
                }
              </div>
            </section>
          }
        </div>
      } @else {
        <app-loading-state label="Loading the board…" />
      }
    </div>
  `,
  styles: `
    .board {
      display: grid;
      grid-template-columns: repeat(5, minmax(220px, 1fr));
      gap: 12px;
      overflow-x: auto;
      padding-bottom: 8px;
      scroll-snap-type: x mandatory;
    }
    .column {
      background: #f3f5f8;
      border-radius: 10px;
      padding: 10px;
      min-height: 200px;
      scroll-snap-align: start;
      display: flex;
      flex-direction: column;
    }
    .col-title {
      font-size: 13px;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      margin: 0 0 8px;
    }
    .count {
      color: var(--muted);
      font-weight: 500;
    }
    .drop {
      flex: 1;
      min-height: 140px;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .tcard {
      background: #fff;
      border: 1px solid #e2e8f0;
      border-left: 4px solid var(--teal, #0d9488);
      border-radius: 8px;
      padding: 8px 10px;
      font-size: 13px;
      cursor: grab;
    }
    .tcard.delayed {
      border-left-color: #dc2626;
    }
    .tcard-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 6px;
    }
    .unit {
      font-weight: 700;
      font-size: 15px;
    }
    .prop {
      font-size: 12px;
      margin-bottom: 4px;
    }
    .move {
      margin-top: 6px;
    }
    .more {
      font-size: 12px;
      text-align: center;
    }
    .cdk-drag-preview {
      box-shadow: 0 6px 18px rgba(15, 23, 42, 0.2);
    }
    .cdk-drag-placeholder {
      opacity: 0.3;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    @media (max-width: 700px) {
      .board {
        grid-template-columns: repeat(5, 78vw);
      }
    }
  `,
})
export class TurnoverBoardComponent {
  private readonly turnover = inject(TurnoverService);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly property = signal<string>(
    this.route.snapshot.queryParamMap.get('property') ?? '',
  );
  protected readonly board = rxResource({
    params: () => ({ property: this.property() || null }),
    stream: ({ params }) => this.turnover.kanban(params),
  });
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly canMove = computed(() =>
    this.auth.canAny('manage_leases', 'manage_maintenance'),
  );

  protected lines = cardLines;
  protected next = nextStage;
  protected label = (s: TurnoverStage) => STAGE_LABELS[s];
  protected errorText = errorMessage;

  protected setProperty(id: string): void {
    this.property.set(id);
    void this.router.navigate([], { queryParams: { property: id || null }, replaceUrl: true });
  }

  protected dropped(event: CdkDragDrop<TurnoverStage, TurnoverStage, TurnoverCase>): void {
    const c = event.item.data;
    const to = event.container.data;
    const kind = moveKind(c.stage, to);
    if (!kind) return;
    if (kind === 'skip') {
      this.message.set(
        `A case moves forward one stage at a time: from ${STAGE_LABELS[c.stage]} the next stage is ${STAGE_LABELS[nextStage(c.stage)!]}.`,
      );
      return;
    }
    let reason = '';
    if (kind === 'back') {
      reason = (
        window.prompt(`Why move ${c.unit_number} back to ${STAGE_LABELS[to]}?`) ?? ''
      ).trim();
      if (!reason) {
        this.message.set('Moving a case back needs a reason.');
        return;
      }
    }
    this.move(c, to, reason);
  }

  protected move(c: TurnoverCase, to: TurnoverStage, reason = ''): void {
    this.busy.set(true);
    this.message.set(null);
    this.turnover.advance(c.id, to, reason).subscribe({
      next: () => {
        this.busy.set(false);
        this.board.reload();
      },
      error: (err) => {
        this.busy.set(false);
        this.message.set(errorMessage(err));
      },
    });
  }

  protected exportCsv(): void {
    this.turnover.exportCsv({ property: this.property() || null }).subscribe({
      next: (blob) => downloadBlob('turnover.csv', blob),
      error: (err) => this.message.set(errorMessage(err)),
    });
  }
}
