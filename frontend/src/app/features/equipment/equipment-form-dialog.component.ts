import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { of } from 'rxjs';

import {
  EQUIPMENT_CONDITIONS,
  EQUIPMENT_TYPES,
  EQUIPMENT_TYPE_LABELS,
  EquipmentRecord,
} from '../../core/models';
import { EquipmentService } from '../../core/services/equipment.service';
import { PropertyService } from '../../core/services/property.service';
import { ApiError, errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import {
  EMPTY_EQUIPMENT_FORM,
  EquipmentForm,
  EquipmentFormErrors,
  buildingsOf,
  equipmentBody,
  equipmentForm,
  validateEquipment,
} from './equipment-format';

/**
 * Adds a record to the register, or edits one (`record`): where it stands (a unit, a building, or
 * property-wide), what it is, its install date and lifespan, warranty, last service, condition and cost.
 * Emits the saved record.
 */
@Component({
  selector: 'app-equipment-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  host: { '(document:keydown.escape)': 'cancel()' },
  templateUrl: './equipment-form-dialog.component.html',
  styleUrls: ['../../shared/styles/dialog.css', './equipment-form-dialog.component.css'],
})
export class EquipmentFormDialogComponent implements OnInit {
  private readonly equipment = inject(EquipmentService);
  private readonly propertyService = inject(PropertyService);

  /** The record to edit; null to add one (optionally at `property`). */
  readonly record = input<EquipmentRecord | null>(null);
  readonly property = input<string>('');
  readonly saved = output<EquipmentRecord>();
  readonly cancelled = output<void>();

  protected readonly types = EQUIPMENT_TYPES;
  protected readonly typeLabels = EQUIPMENT_TYPE_LABELS;
  protected readonly conditions = EQUIPMENT_CONDITIONS;
  protected readonly today = toIsoDate(new Date());

  protected readonly form = signal<EquipmentForm>({ ...EMPTY_EQUIPMENT_FORM });
  protected readonly showErrors = signal(false);
  protected readonly saving = signal(false);
  protected readonly apiError = signal<string | null>(null);
  protected readonly serverErrors = signal<EquipmentFormErrors>({});
  protected readonly errors = computed<EquipmentFormErrors>(() => ({
    ...this.serverErrors(),
    ...validateEquipment(this.form()),
  }));

  protected readonly properties = rxResource({
    stream: () => this.propertyService.getProperties({ page_size: 500, ordering: 'name' }),
  });
  /** The chosen property's units (≤ 500; the demo's largest has 438) and, from them, its buildings. */
  protected readonly units = rxResource({
    params: () => this.form().property || undefined,
    stream: ({ params }) => (params ? this.equipment.getUnits(params) : of(null)),
  });
  protected readonly unitList = computed(() =>
    this.units.hasValue() ? (this.units.value()?.results ?? []) : [],
  );
  protected readonly buildings = computed(() => buildingsOf(this.unitList()));

  ngOnInit(): void {
    const r = this.record();
    this.form.set(r ? equipmentForm(r) : { ...EMPTY_EQUIPMENT_FORM, property: this.property() });
  }

  protected set<K extends keyof EquipmentForm>(key: K, value: EquipmentForm[K]): void {
    this.form.update((f) => {
      const next = { ...f, [key]: value };
      if (key === 'property' && value !== f.property) {
        next.unit = '';
        next.building = '';
      }
      if (key === 'unit' && value) next.building = '';
      return next;
    });
    if (this.serverErrors()[key]) this.serverErrors.update((e) => ({ ...e, [key]: undefined }));
  }

  protected error(key: keyof EquipmentForm): string | undefined {
    return this.showErrors() ? this.errors()[key] : undefined;
  }

  protected submit(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    if (Object.keys(validateEquipment(this.form())).length || this.saving()) return;
    this.saving.set(true);
    const r = this.record();
    const body = equipmentBody(this.form());
    const request = r ? this.equipment.update(r.id, body) : this.equipment.create(body);
    request.subscribe({
      next: (saved) => this.saved.emit(saved),
      error: (err: unknown) => {
        this.saving.set(false);
        const mapped: EquipmentFormErrors = {};
        for (const [field, messages] of Object.entries(
          err instanceof ApiError ? err.fieldErrors : {},
        )) {
          if (field in EMPTY_EQUIPMENT_FORM) mapped[field as keyof EquipmentForm] = messages[0];
        }
        this.serverErrors.set(mapped);
        this.apiError.set(errorMessage(err));
      },
    });
  }

  protected cancel(): void {
    if (!this.saving()) this.cancelled.emit();
  }
}
