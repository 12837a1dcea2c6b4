import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { catchError, map, of } from 'rxjs';

import { WORK_ORDER_CATEGORIES, WORK_ORDER_PRIORITIES, WorkOrderCreate } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { LifecycleService } from '../../core/services/lifecycle.service';
import { PropertyService } from '../../core/services/property.service';
import { UnitService } from '../../core/services/unit.service';
import { WorkOrderService } from '../../core/services/work-order.service';
import { normaliseAmount } from '../../core/utils/amount';
import { errorMessage } from '../../core/utils/api-error';
import { addDays, formatDate, parseIsoDate, toIsoDate } from '../../core/utils/dates';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import {
  IdempotencyKeys,
  categoryLabel,
  fieldErrors,
  occupyingLease,
  priorityLabel,
  vendorsFor,
} from './work-order-format';

/** The fields of the form, as the API names them (field errors of a 400 land next to them). */
export const NEW_WORK_ORDER_FIELDS = [
  'unit',
  'title',
  'category',
  'priority',
  'description',
  'requested_date',
  'scheduled_date',
  'assigned_vendor',
  'estimated_cost',
  'reported_by',
  'lease',
  'tenant',
] as const;

export interface NewWorkOrderValues {
  unit: string;
  title: string;
  requested_date: string;
  scheduled_date: string;
  estimated_cost: string;
  reported_by: string;
  description: string;
}

/** What the screen checks before sending (the API checks the rest and says what is wrong). */
export function validateNewWorkOrder(v: NewWorkOrderValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.unit) errors['unit'] = 'Choose the unit the work is in.';
  if (!v.title.trim()) errors['title'] = 'Say in a few words what needs doing.';
  else if (v.title.trim().length > 200) errors['title'] = 'At most 200 characters.';
  if (!parseIsoDate(v.requested_date)) errors['requested_date'] = 'Enter the date it was reported.';
  if (v.scheduled_date && !parseIsoDate(v.scheduled_date))
    errors['scheduled_date'] = 'Enter a date or leave it empty.';
  else if (
    v.scheduled_date &&
    parseIsoDate(v.requested_date) &&
    v.scheduled_date < v.requested_date
  )
    errors['scheduled_date'] = 'The visit cannot be before the request.';
  if (v.estimated_cost.trim() && normaliseAmount(v.estimated_cost) === null)
    errors['estimated_cost'] = 'Enter an amount like 250.00 (at most two decimals).';
  if (v.reported_by.length > 120) errors['reported_by'] = 'At most 120 characters.';
  return errors;
}

/**
 * New work order (`/maintenance/new`, `?unit=<id>` from the unit page): property → unit, what and how
 * urgent, dates, vendor (active vendors of the category's trade, or all), estimate and who reported it;
 * shows the lease and tenant the API will link (the lease in occupancy on the requested date). After
 * saving, the work order's page.
 */
@Component({
  selector: 'app-work-order-new',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, AppDatePipe],
  templateUrl: './work-order-new.component.html',
  styleUrl: './work-order-new.component.css',
})
export class WorkOrderNewComponent {
  private readonly workOrders = inject(WorkOrderService);
  private readonly propertiesApi = inject(PropertyService);
  private readonly unitsApi = inject(UnitService);
  private readonly lifecycle = inject(LifecycleService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);

  /** `?unit=<id>`: the unit to preselect (the unit page's "New work order"). */
  readonly unit = input<string | undefined>();

  protected readonly today = toIsoDate(new Date());
  /** The API takes a request date at most 3 days ahead. */
  protected readonly latestRequested = toIsoDate(addDays(new Date(), 3));
  protected readonly categories = WORK_ORDER_CATEGORIES;
  protected readonly priorities = WORK_ORDER_PRIORITIES;
  protected readonly categoryLabel = categoryLabel;
  protected readonly priorityLabel = priorityLabel;

  // The form
  protected readonly propertyId = signal('');
  protected readonly unitId = signal('');
  protected readonly title = signal('');
  protected readonly category = signal<string>('general');
  protected readonly priority = signal<string>('medium');
  protected readonly description = signal('');
  protected readonly requestedDate = signal(this.today);
  protected readonly scheduledDate = signal('');
  protected readonly vendorId = signal('');
  protected readonly allVendors = signal(false);
  protected readonly estimatedCost = signal('');
  protected readonly reportedBy = signal('');

  protected readonly saving = signal(false);
  protected readonly showErrors = signal(false);
  /** Field errors the API answered (cleared when the field changes). */
  protected readonly serverErrors = signal<Record<string, string>>({});
  protected readonly apiError = signal<string | null>(null);
  private readonly keys = new IdempotencyKeys();

  /** The preselected unit (`?unit=`), to fill in its property. */
  private readonly preselected = rxResource({
    params: () => this.unit() || undefined,
    stream: ({ params }) => this.unitsApi.getUnit(params),
  });

  protected readonly properties = rxResource({
    stream: () =>
      this.propertiesApi
        .getProperties({ page_size: 500, ordering: 'name' })
        .pipe(map((p) => p.results)),
  });
  protected readonly units = rxResource({
    params: () => this.propertyId() || undefined,
    stream: ({ params }) => this.workOrders.units(params),
  });
  private readonly vendorsRes = rxResource({
    stream: () => this.workOrders.vendors(),
  });
  protected readonly vendorsFailed = computed(() => !!this.vendorsRes.error());
  /** Active vendors of the category's trade (all of them when none has it, or when asked). */
  protected readonly vendors = computed(() =>
    this.vendorsRes.hasValue()
      ? vendorsFor(this.vendorsRes.value(), this.category(), this.allVendors())
      : [],
  );
  protected readonly tradeMatches = computed(
    () =>
      this.vendorsRes.hasValue() &&
      this.vendorsRes.value().some((v) => v.trade === this.category()),
  );

  /** The unit's leases, to say which one the API will link (quietly nothing if they can't be read). */
  private readonly leases = rxResource({
    params: () => this.unitId() || undefined,
    stream: ({ params }) =>
      this.lifecycle.getLeases({ unit: params, ordering: '-lease_begin_date', page_size: 50 }).pipe(
        map((p) => p.results),
        catchError(() => of(null)),
      ),
  });
  /** undefined: not known (no unit or date yet, loading, or the leases could not be read). */
  protected readonly linkedLease = computed(() => {
    if (!this.unitId() || !parseIsoDate(this.requestedDate())) return undefined;
    if (!this.leases.hasValue()) return undefined;
    const leases = this.leases.value();
    if (leases === null) return undefined;
    return occupyingLease(leases, this.requestedDate());
  });
  protected readonly requestedWords = computed(() => formatDate(this.requestedDate()));

  /** Client-side errors, then the API's. */
  protected readonly errors = computed(() => ({
    ...this.serverErrors(),
    ...validateNewWorkOrder({
      unit: this.unitId(),
      title: this.title(),
      requested_date: this.requestedDate(),
      scheduled_date: this.scheduledDate(),
      estimated_cost: this.estimatedCost(),
      reported_by: this.reportedBy(),
      description: this.description(),
    }),
  }));

  /** The vendor picked stays picked only while it is offered. */
  protected readonly vendorShown = linkedSignal(() =>
    this.vendors().some((v) => v.id === this.vendorId()) ? this.vendorId() : '',
  );

  constructor() {
    // `?unit=`: its property and the unit itself, once known.
    effect(() => {
      if (!this.preselected.hasValue()) return;
      const u = this.preselected.value();
      untracked(() => {
        this.propertyId.set(u.property);
        this.unitId.set(u.id);
      });
    });
  }

  protected err(field: string): string | null {
    const e = this.errors()[field];
    return e && (this.showErrors() || field in this.serverErrors()) ? e : null;
  }

  /** A changed field drops the API's complaint about it. */
  protected edited(field: string): void {
    if (field in this.serverErrors()) {
      this.serverErrors.update((e) => {
        const next = { ...e };
        delete next[field];
        return next;
      });
    }
  }

  protected setProperty(id: string): void {
    this.propertyId.set(id);
    this.unitId.set('');
    this.edited('unit');
  }

  protected submit(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    const clientErrors = Object.keys(this.errors()).filter((k) => !(k in this.serverErrors()));
    if (clientErrors.length || this.saving()) return;
    const body: WorkOrderCreate = {
      unit: this.unitId(),
      title: this.title().trim(),
      category: this.category(),
      priority: this.priority(),
      description: this.description().trim(),
      requested_date: this.requestedDate(),
      reported_by: this.reportedBy().trim(),
    };
    if (this.scheduledDate()) body.scheduled_date = this.scheduledDate();
    if (this.vendorShown()) body.assigned_vendor = this.vendorShown();
    if (this.estimatedCost().trim()) body.estimated_cost = normaliseAmount(this.estimatedCost())!;
    this.saving.set(true);
    this.workOrders.create(body, this.keys.keyFor(body)).subscribe({
      next: (wo) => {
        this.toast.success(`Work order ${wo.work_order_number} created.`);
        void this.router.navigate(['/maintenance', wo.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const fields = fieldErrors(err, NEW_WORK_ORDER_FIELDS);
        const { '': other, ...known } = fields;
        this.serverErrors.set(known);
        // The summary only when no field shows the problem (or something else is wrong too).
        this.apiError.set(other ?? (Object.keys(known).length ? null : errorMessage(err)));
      },
    });
  }
}
