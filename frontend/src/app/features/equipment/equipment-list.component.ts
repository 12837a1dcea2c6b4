import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { of } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import {
  EQUIPMENT_CONDITIONS,
  EQUIPMENT_TYPES,
  EQUIPMENT_TYPE_LABELS,
  EquipmentFilters,
  EquipmentRecord,
  WARRANTY_STATES,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { EquipmentService } from '../../core/services/equipment.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { downloadBlob } from '../renewals/renewals-format';
import { EquipmentFormDialogComponent } from './equipment-form-dialog.component';
import { WARRANTY_LABELS, buildingsOf, equipmentLocation } from './equipment-format';
import { LifespanBarComponent } from './lifespan-bar.component';
import { WarrantyBadgeComponent } from './warranty-badge.component';

export const EQUIPMENT_PAGE_SIZE = 25;
const CONDITION_LABELS: Record<string, string> = { good: 'Good', fair: 'Fair', poor: 'Poor' };
const WARRANTY_FILTER_LABELS: Record<string, string> = {
  ...WARRANTY_LABELS,
  expiring: 'Warranty ending within 60 days',
};

/**
 * The equipment register (the "existing" predictive-maintenance list the spec extends; 2.3 adds its
 * heatmap here): per unit, per building or property-wide, with warranty badges (ending = 60 days or
 * fewer) and age against expected lifespan. Filters in the URL, CSV of the filter; add and edit in a
 * dialog for manage_maintenance.
 */
@Component({
  selector: 'app-equipment-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    IconComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
    WarrantyBadgeComponent,
    LifespanBarComponent,
    EquipmentFormDialogComponent,
  ],
  templateUrl: './equipment-list.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './equipment-list.component.css'],
})
export class EquipmentListComponent {
  private readonly equipment = inject(EquipmentService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));

  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'type',
      label: 'Type',
      testId: 'type-filter',
      options: filterOptions(EQUIPMENT_TYPES, EQUIPMENT_TYPE_LABELS, {
        first: [{ value: '', label: 'Any type' }],
      }),
    },
    {
      key: 'warranty',
      label: 'Warranty',
      testId: 'warranty-filter',
      options: filterOptions(WARRANTY_STATES, WARRANTY_FILTER_LABELS, {
        first: [{ value: '', label: 'Any warranty' }],
      }),
    },
    {
      key: 'condition',
      label: 'Condition',
      testId: 'condition-filter',
      options: filterOptions(EQUIPMENT_CONDITIONS, CONDITION_LABELS, {
        first: [{ value: '', label: 'Any condition' }],
      }),
    },
  ];

  protected readonly list = listState({
    filters: {
      type: { parse: oneOf(EQUIPMENT_TYPES) },
      warranty: { parse: oneOf(WARRANTY_STATES) },
      condition: { parse: oneOf(EQUIPMENT_CONDITIONS) },
      property: {},
      building: {},
    },
    pageSize: EQUIPMENT_PAGE_SIZE,
  });

  protected readonly filters = computed<EquipmentFilters>(() => {
    const f = this.list.filters();
    return {
      equipment_type: f.type || null,
      warranty_state: f.warranty || null,
      condition: f.condition || null,
      property: f.property || null,
      building: f.property ? f.building || null : null,
      ...this.list.query(),
    };
  });

  protected readonly page = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.equipment.getEquipment(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.page.hasValue() ? this.page.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  /** The chosen property's buildings, for the building filter. */
  private readonly units = rxResource({
    params: () => this.list.filters().property || undefined,
    stream: ({ params }) => (params ? this.equipment.getUnits(params) : of(null)),
  });
  protected readonly buildings = computed(() =>
    this.units.hasValue() ? buildingsOf(this.units.value()?.results ?? []) : [],
  );

  constructor() {
    // another property: its buildings differ, so the building filter goes
    let property = this.list.filters().property;
    effect(() => {
      const next = this.list.filters().property;
      if (next !== property) {
        property = next;
        if (untracked(() => this.list.filters().building)) this.list.setFilter('building', null);
      }
    });
  }

  /** The dialog: 'new', a record to edit, or closed. */
  protected readonly editing = signal<EquipmentRecord | 'new' | null>(null);
  protected readonly exporting = signal(false);
  protected readonly where = equipmentLocation;

  protected asRecord(value: EquipmentRecord | 'new'): EquipmentRecord | null {
    return value === 'new' ? null : value;
  }

  protected onSaved(saved: EquipmentRecord, wasNew: boolean): void {
    this.editing.set(null);
    this.toast.success(wasNew ? `Added ${saved.name}.` : `Saved ${saved.name}.`);
    this.page.reload();
  }

  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.equipment.exportCsv(this.filters()).subscribe({
      next: (blob) => {
        downloadBlob(`equipment-${toIsoDate(new Date())}.csv`, blob);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }
}
