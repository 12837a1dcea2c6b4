import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';

import { WorkOrderDetail, WorkOrderTransition } from '../../../core/models';
import { WorkOrderService } from '../../../core/services/work-order.service';
import { normaliseAmount } from '../../../core/utils/amount';
import { ApiError, errorMessage } from '../../../core/utils/api-error';
import { parseIsoDate, toIsoDate } from '../../../core/utils/dates';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import {
  IdempotencyKeys,
  TransitionAction,
  categoryLabel,
  fieldErrors,
  transitionIntro,
  vendorsFor,
} from '../work-order-format';

export interface TransitionValues {
  vendor: string;
  note: string;
  actualCost: string;
  completedDate: string;
  technicianNotes: string;
}

/** What the screen checks before a move is sent (the API enforces the flow and explains a refusal). */
export function validateTransition(
  action: Pick<TransitionAction, 'dialog'>,
  v: TransitionValues,
  requestedDate: string | null,
  today = new Date(),
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (action.dialog === 'assign' && !v.vendor) errors['assigned_vendor'] = 'Choose a vendor.';
  if (action.dialog === 'reopen' && !v.note.trim())
    errors['note'] = 'Say why the work is reopened.';
  if (action.dialog === 'complete') {
    if (!v.actualCost.trim()) errors['actual_cost'] = 'Enter what the work cost (0 if nothing).';
    else if (normaliseAmount(v.actualCost) === null)
      errors['actual_cost'] = 'Enter an amount like 250.00 (at most two decimals).';
    const d = parseIsoDate(v.completedDate);
    const t = toIsoDate(today);
    if (!d) errors['completed_date'] = 'Enter the day the work was finished.';
    else if (v.completedDate > t)
      errors['completed_date'] = 'The work cannot be finished later than today.';
    else if (requestedDate && v.completedDate < requestedDate)
      errors['completed_date'] = 'The work cannot be finished before it was requested.';
  }
  if (v.note.length > 2000) errors['note'] = 'At most 2,000 characters.';
  return errors;
}

/** The request body of a move from the dialog's values. */
export function transitionBody(action: TransitionAction, v: TransitionValues): WorkOrderTransition {
  const body: WorkOrderTransition = { status: action.to };
  if (v.note.trim()) body.note = v.note.trim();
  if (action.dialog === 'assign') body.assigned_vendor = v.vendor;
  if (action.dialog === 'complete') {
    body.actual_cost = normaliseAmount(v.actualCost) ?? v.actualCost;
    body.completed_date = v.completedDate;
    body.technician_notes = v.technicianNotes.trim();
  }
  return body;
}

const FIELDS = ['assigned_vendor', 'note', 'actual_cost', 'completed_date', 'technician_notes'];

/**
 * One status move of a work order: assign (vendor picker), start, complete (actual cost, completion date,
 * technician notes), reopen (a note is required), cancel (confirm), close or unassign (confirm). Sends
 * the move and emits the fresh work order; a refusal shows the API's sentence and emits `refused` so the
 * page reloads the work order (its moves may have changed behind the screen).
 */
@Component({
  selector: 'app-transition-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MoneyPipe],
  host: { '(document:keydown.escape)': 'cancel()' },
  template: `
    <div class="backdrop" (click)="cancel()"></div>
    <form
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="td-title"
      (ngSubmit)="submit()"
      novalidate
      [attr.data-dialog]="action().dialog"
      data-testid="transition-dialog"
    >
      <header>
        <h2 id="td-title">{{ action().label }}</h2>
        <div class="who">{{ workOrder().work_order_number }} · {{ workOrder().title }}</div>
      </header>
      <p class="body">{{ intro() }}</p>

      @switch (action().dialog) {
        @case ('assign') {
          <div class="field">
            <label for="td-vendor">Vendor</label>
            <select
              id="td-vendor"
              name="vendor"
              class="select"
              data-testid="td-vendor"
              [class.invalid]="err('assigned_vendor')"
              [ngModel]="vendor()"
              (ngModelChange)="vendor.set($event)"
            >
              <option value="">
                {{ vendorsRes.isLoading() ? 'Loading vendors…' : 'Choose a vendor…' }}
              </option>
              @for (v of vendors(); track v.id) {
                <option [value]="v.id">{{ v.name }} · {{ label(v.trade) }}</option>
              }
            </select>
            @if (err('assigned_vendor'); as e) {
              <span class="error" data-testid="td-error-vendor">{{ e }}</span>
            } @else if (vendorsRes.error()) {
              <span class="error">Could not load the vendors.</span>
            } @else {
              <label class="check">
                <input
                  type="checkbox"
                  name="all"
                  [ngModel]="allVendors()"
                  (ngModelChange)="allVendors.set($event)"
                />
                @if (tradeMatches()) {
                  Show every vendor, not only {{ label(workOrder().category) }}
                } @else {
                  No active {{ label(workOrder().category) }} vendor: every vendor is listed
                }
              </label>
            }
          </div>
        }
        @case ('complete') {
          <div class="grid">
            <div class="field">
              <label for="td-cost">Actual cost</label>
              <div class="amount-row">
                <span class="prefix" aria-hidden="true">$</span>
                <input
                  id="td-cost"
                  name="actual_cost"
                  class="input money-input"
                  inputmode="decimal"
                  autocomplete="off"
                  placeholder="0.00"
                  data-testid="td-cost"
                  [class.invalid]="err('actual_cost')"
                  [ngModel]="actualCost()"
                  (ngModelChange)="actualCost.set($event)"
                />
              </div>
              @if (err('actual_cost'); as e) {
                <span class="error" data-testid="td-error-cost">{{ e }}</span>
              } @else if (workOrder().estimated_cost !== null) {
                <span class="hint">Estimated {{ workOrder().estimated_cost | money }}</span>
              }
            </div>
            <div class="field">
              <label for="td-date">Completed on</label>
              <input
                id="td-date"
                name="completed_date"
                type="date"
                class="input"
                data-testid="td-date"
                [attr.max]="today"
                [attr.min]="workOrder().requested_date"
                [class.invalid]="err('completed_date')"
                [ngModel]="completedDate()"
                (ngModelChange)="completedDate.set($event)"
              />
              @if (err('completed_date'); as e) {
                <span class="error">{{ e }}</span>
              }
            </div>
          </div>
          <div class="field">
            <label for="td-tech">Technician notes</label>
            <textarea
              id="td-tech"
              name="technician_notes"
              class="input"
              rows="4"
              placeholder="What was found, what was done, parts used…"
              data-testid="td-tech"
              [class.invalid]="err('technician_notes')"
              [ngModel]="technicianNotes()"
              (ngModelChange)="technicianNotes.set($event)"
            ></textarea>
            @if (err('technician_notes'); as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
        }
      }
      @if (action().dialog !== 'complete') {
        <div class="field">
          <label for="td-note">
            {{ action().dialog === 'reopen' ? 'Why is it reopened?' : 'Note' }}
            @if (action().dialog !== 'reopen') {
              <span class="muted">(optional)</span>
            }
          </label>
          <textarea
            id="td-note"
            name="note"
            class="input"
            rows="3"
            data-testid="td-note"
            [class.invalid]="err('note')"
            [ngModel]="note()"
            (ngModelChange)="note.set($event)"
          ></textarea>
          @if (err('note'); as e) {
            <span class="error" data-testid="td-error-note">{{ e }}</span>
          }
        </div>
      }
      @if (apiError(); as e) {
        <div class="api-error" role="alert" data-testid="action-error">{{ e }}</div>
      }
      <footer>
        <button type="button" class="btn" (click)="cancel()" [disabled]="saving()">
          {{ action().dialog === 'cancel' ? 'Keep it' : 'Cancel' }}
        </button>
        <button
          type="submit"
          class="btn"
          [class.btn-primary]="action().tone !== 'danger'"
          [class.btn-danger-solid]="action().tone === 'danger'"
          [disabled]="saving()"
          data-testid="td-confirm"
        >
          {{ saving() ? 'Saving…' : action().label }}
        </button>
      </footer>
    </form>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
  styles: `
    .field .select,
    .field .input {
      width: 100%;
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 12px !important;
      font-weight: 400 !important;
      color: var(--muted) !important;
      cursor: pointer;
    }
    .amount-row {
      position: relative;
      display: flex;
      align-items: center;
    }
    .prefix {
      position: absolute;
      left: 10px;
      color: var(--muted);
      font-family: var(--font-mono);
    }
    .money-input {
      padding-left: 22px;
      font-family: var(--font-mono);
      text-align: right;
    }
    .dialog {
      max-height: calc(100vh - 40px);
      overflow-y: auto;
    }
    @media (max-width: 480px) {
      .grid {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class TransitionDialogComponent {
  private readonly workOrders = inject(WorkOrderService);

  readonly workOrder = input.required<WorkOrderDetail>();
  readonly action = input.required<TransitionAction>();
  readonly done = output<WorkOrderDetail>();
  readonly refused = output<void>();
  readonly cancelled = output<void>();

  protected readonly today = toIsoDate(new Date());
  protected readonly vendor = linkedSignal(() => this.workOrder().assigned_vendor ?? '');
  protected readonly allVendors = signal(false);
  protected readonly note = signal('');
  protected readonly actualCost = signal('');
  protected readonly completedDate = signal(this.today);
  protected readonly technicianNotes = linkedSignal(() => this.workOrder().technician_notes ?? '');

  protected readonly saving = signal(false);
  protected readonly showErrors = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly apiError = signal<string | null>(null);
  private readonly keys = new IdempotencyKeys();

  protected readonly vendorsRes = rxResource({
    params: () => (this.action().dialog === 'assign' ? true : undefined),
    stream: () => this.workOrders.vendors(),
  });
  protected readonly vendors = computed(() =>
    this.vendorsRes.hasValue()
      ? vendorsFor(this.vendorsRes.value(), this.workOrder().category, this.allVendors())
      : [],
  );
  protected readonly tradeMatches = computed(
    () =>
      this.vendorsRes.hasValue() &&
      this.vendorsRes.value().some((v) => v.trade === this.workOrder().category),
  );

  protected readonly intro = computed(() => transitionIntro(this.action(), this.workOrder()));
  protected readonly label = categoryLabel;

  private readonly values = computed<TransitionValues>(() => ({
    vendor: this.vendor(),
    note: this.note(),
    actualCost: this.actualCost(),
    completedDate: this.completedDate(),
    technicianNotes: this.technicianNotes(),
  }));
  protected readonly errors = computed(() =>
    validateTransition(this.action(), this.values(), this.workOrder().requested_date),
  );

  protected err(field: string): string | null {
    if (this.showErrors() && this.errors()[field]) return this.errors()[field];
    return this.serverErrors()[field] ?? null;
  }

  protected submit(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    this.serverErrors.set({});
    if (Object.keys(this.errors()).length || this.saving()) return;
    const body = transitionBody(this.action(), this.values());
    this.saving.set(true);
    this.workOrders.transition(this.workOrder().id, body, this.keys.keyFor(body)).subscribe({
      next: (wo) => this.done.emit(wo),
      error: (err: unknown) => {
        this.saving.set(false);
        const { '': other, ...known } = fieldErrors(err, FIELDS);
        this.serverErrors.set(known);
        this.apiError.set(other ?? (Object.keys(known).length ? null : errorMessage(err)));
        // A refused move (400 with `allowed`, or 409): the page reloads the work order's moves.
        if (err instanceof ApiError && (err.status === 400 || err.status === 409)) {
          this.refused.emit();
        }
      },
    });
  }

  protected cancel(): void {
    if (!this.saving()) this.cancelled.emit();
  }
}
