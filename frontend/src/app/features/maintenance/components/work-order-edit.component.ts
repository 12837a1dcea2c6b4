import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';

import {
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_PRIORITIES,
  WorkOrderDetail,
  WorkOrderItem,
  WorkOrderPatch,
} from '../../../core/models';
import { WorkOrderService } from '../../../core/services/work-order.service';
import { normaliseAmount } from '../../../core/utils/amount';
import { errorMessage } from '../../../core/utils/api-error';
import { parseIsoDate } from '../../../core/utils/dates';
import { categoryLabel, fieldErrors, priorityLabel } from '../work-order-format';

/** The fields a manager edits on the work order's page (the status moves by transition). */
export interface EditValues {
  title: string;
  category: string;
  priority: string;
  description: string;
  technician_notes: string;
  requested_date: string;
  scheduled_date: string;
  estimated_cost: string;
  reported_by: string;
}

export const EDIT_FIELDS: readonly (keyof EditValues)[] = [
  'title',
  'category',
  'priority',
  'description',
  'technician_notes',
  'requested_date',
  'scheduled_date',
  'estimated_cost',
  'reported_by',
];

export function editValues(wo: WorkOrderItem): EditValues {
  return {
    title: wo.title,
    category: wo.category,
    priority: wo.priority,
    description: wo.description ?? '',
    technician_notes: wo.technician_notes ?? '',
    requested_date: wo.requested_date ?? '',
    scheduled_date: wo.scheduled_date ?? '',
    estimated_cost: wo.estimated_cost === null ? '' : String(wo.estimated_cost),
    reported_by: wo.reported_by ?? '',
  };
}

/** Only what changed, as the API takes it (an emptied date or estimate is null). */
export function editPatch(before: EditValues, after: EditValues): WorkOrderPatch {
  const patch: Record<string, string | null> = {};
  for (const key of EDIT_FIELDS) {
    const a =
      key === 'estimated_cost' ? (normaliseAmount(after[key]) ?? after[key].trim()) : after[key];
    const b =
      key === 'estimated_cost' ? (normaliseAmount(before[key]) ?? before[key].trim()) : before[key];
    if (a === b) continue;
    if (key === 'title' || key === 'reported_by') patch[key] = a.trim();
    else if (key === 'scheduled_date' || key === 'estimated_cost') patch[key] = a.trim() || null;
    else patch[key] = a;
  }
  return patch as WorkOrderPatch;
}

export function validateEdit(v: EditValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors['title'] = 'The work order needs a title.';
  else if (v.title.trim().length > 200) errors['title'] = 'At most 200 characters.';
  if (!parseIsoDate(v.requested_date)) errors['requested_date'] = 'Enter the date it was reported.';
  if (v.scheduled_date && !parseIsoDate(v.scheduled_date))
    errors['scheduled_date'] = 'Enter a date or leave it empty.';
  if (v.estimated_cost.trim() && normaliseAmount(v.estimated_cost) === null)
    errors['estimated_cost'] = 'Enter an amount like 250.00 (at most two decimals).';
  if (v.reported_by.length > 120) errors['reported_by'] = 'At most 120 characters.';
  return errors;
}

/** The work order's editable fields in place of its details card; PATCHes what changed. */
@Component({
  selector: 'app-work-order-edit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  template: `
    <form class="card edit" (ngSubmit)="save()" novalidate data-testid="work-order-edit">
      <div class="card-header"><h2>Edit work order</h2></div>
      <div class="card-body">
        <div class="field">
          <label for="we-title">Title</label>
          <input
            id="we-title"
            name="title"
            class="input"
            maxlength="200"
            data-testid="we-title"
            [class.invalid]="err('title')"
            [ngModel]="v().title"
            (ngModelChange)="set('title', $event)"
          />
          @if (err('title'); as e) {
            <span class="error">{{ e }}</span>
          }
        </div>
        <div class="grid">
          <div class="field">
            <label for="we-category">Category</label>
            <select
              id="we-category"
              name="category"
              class="select"
              [ngModel]="v().category"
              (ngModelChange)="set('category', $event)"
            >
              @for (c of categories; track c) {
                <option [value]="c">{{ categoryLabel(c) }}</option>
              }
            </select>
            @if (err('category'); as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="we-priority">Priority</label>
            <select
              id="we-priority"
              name="priority"
              class="select"
              data-testid="we-priority"
              [ngModel]="v().priority"
              (ngModelChange)="set('priority', $event)"
            >
              @for (p of priorities; track p) {
                <option [value]="p">{{ priorityLabel(p) }}</option>
              }
            </select>
            @if (err('priority'); as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="we-requested">Requested on</label>
            <input
              id="we-requested"
              name="requested_date"
              type="date"
              class="input"
              [class.invalid]="err('requested_date')"
              [ngModel]="v().requested_date"
              (ngModelChange)="set('requested_date', $event)"
            />
            @if (err('requested_date'); as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="we-scheduled">Scheduled visit</label>
            <input
              id="we-scheduled"
              name="scheduled_date"
              type="date"
              class="input"
              data-testid="we-scheduled"
              [class.invalid]="err('scheduled_date')"
              [ngModel]="v().scheduled_date"
              (ngModelChange)="set('scheduled_date', $event)"
            />
            @if (err('scheduled_date'); as e) {
              <span class="error" data-testid="we-error-scheduled_date">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="we-estimate">Estimated cost</label>
            <input
              id="we-estimate"
              name="estimated_cost"
              class="input mono"
              inputmode="decimal"
              placeholder="0.00"
              data-testid="we-estimate"
              [class.invalid]="err('estimated_cost')"
              [ngModel]="v().estimated_cost"
              (ngModelChange)="set('estimated_cost', $event)"
            />
            @if (err('estimated_cost'); as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
          <div class="field">
            <label for="we-reported">Reported by</label>
            <input
              id="we-reported"
              name="reported_by"
              class="input"
              maxlength="120"
              [class.invalid]="err('reported_by')"
              [ngModel]="v().reported_by"
              (ngModelChange)="set('reported_by', $event)"
            />
            @if (err('reported_by'); as e) {
              <span class="error">{{ e }}</span>
            }
          </div>
        </div>
        <div class="field">
          <label for="we-description">Description</label>
          <textarea
            id="we-description"
            name="description"
            class="input"
            rows="4"
            [ngModel]="v().description"
            (ngModelChange)="set('description', $event)"
          ></textarea>
          @if (err('description'); as e) {
            <span class="error">{{ e }}</span>
          }
        </div>
        <div class="field">
          <label for="we-tech">Technician notes</label>
          <textarea
            id="we-tech"
            name="technician_notes"
            class="input"
            rows="4"
            data-testid="we-tech"
            [ngModel]="v().technician_notes"
            (ngModelChange)="set('technician_notes', $event)"
          ></textarea>
          @if (err('technician_notes'); as e) {
            <span class="error">{{ e }}</span>
          }
        </div>
        @if (apiError(); as e) {
          <div class="api-error" role="alert" data-testid="edit-error">{{ e }}</div>
        }
        <footer>
          <button type="button" class="btn" (click)="cancelled.emit()" [disabled]="saving()">
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" [disabled]="saving()" data-testid="we-save">
            {{ saving() ? 'Saving…' : 'Save changes' }}
          </button>
        </footer>
      </div>
    </form>
  `,
  styles: `
    .card-body {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 12px 16px;
    }
    .field .input,
    .field .select {
      width: 100%;
    }
    footer {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    @media (max-width: 600px) {
      .grid {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class WorkOrderEditComponent {
  private readonly workOrders = inject(WorkOrderService);

  readonly workOrder = input.required<WorkOrderDetail>();
  readonly saved = output<WorkOrderDetail>();
  readonly cancelled = output<void>();

  protected readonly categories = WORK_ORDER_CATEGORIES;
  protected readonly priorities = WORK_ORDER_PRIORITIES;
  protected readonly categoryLabel = categoryLabel;
  protected readonly priorityLabel = priorityLabel;

  private readonly before = computed(() => editValues(this.workOrder()));
  protected readonly changes = signal<Partial<EditValues>>({});
  protected readonly v = computed<EditValues>(() => ({ ...this.before(), ...this.changes() }));
  protected readonly saving = signal(false);
  protected readonly showErrors = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly apiError = signal<string | null>(null);
  protected readonly errors = computed(() => validateEdit(this.v()));

  protected set(key: keyof EditValues, value: string): void {
    this.changes.update((c) => ({ ...c, [key]: value ?? '' }));
    if (key in this.serverErrors()) {
      this.serverErrors.update((e) => {
        const next = { ...e };
        delete next[key];
        return next;
      });
    }
  }

  protected err(field: string): string | null {
    if (this.showErrors() && this.errors()[field]) return this.errors()[field];
    return this.serverErrors()[field] ?? null;
  }

  protected save(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    if (Object.keys(this.errors()).length || this.saving()) return;
    const patch = editPatch(this.before(), this.v());
    if (!Object.keys(patch).length) {
      this.cancelled.emit();
      return;
    }
    this.saving.set(true);
    this.workOrders.update(this.workOrder().id, patch).subscribe({
      next: (wo) => this.saved.emit(wo),
      error: (err: unknown) => {
        this.saving.set(false);
        const { '': other, ...known } = fieldErrors(err, EDIT_FIELDS);
        this.serverErrors.set(known);
        this.apiError.set(other ?? (Object.keys(known).length ? null : errorMessage(err)));
      },
    });
  }
}
