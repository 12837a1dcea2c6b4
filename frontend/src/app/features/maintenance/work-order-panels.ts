import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  Provider,
  Type,
  computed,
  inject,
  input,
} from '@angular/core';
import { NgComponentOutlet } from '@angular/common';

import { WorkOrderDetail } from '../../core/models';

/**
 * A panel a later feature adds to the work-order page without editing it: tenant-vs-owner responsibility
 * (PRP), smart dispatch and warranty check (5.4), the turnover checklist (2.1)… The component gets two
 * inputs, which it must declare: `workOrder` (WorkOrderDetail, redrawn after every change) and `refresh`
 * (a `() => void` that reloads the work order, e.g. after the panel assigned a vendor); it loads its own
 * data. `area` is the main column (under the description and costs) or the side column (under the vendor
 * and the lease); `order` places it among the area's panels, lower first.
 */
export interface WorkOrderPanel {
  area: 'main' | 'side';
  order: number;
  component: Type<unknown>;
}

export const WORK_ORDER_PANELS = new InjectionToken<readonly WorkOrderPanel[]>('WORK_ORDER_PANELS');

/** `providers: [provideWorkOrderPanel({ area: 'main', order: 10, component: ResponsibilityPanel })]`
 * in the app config or a route that leads to the work-order page. */
export function provideWorkOrderPanel(panel: WorkOrderPanel): Provider {
  return { provide: WORK_ORDER_PANELS, useValue: panel, multi: true };
}

/** The contributed panels of one area of the work-order page. */
@Component({
  selector: 'app-work-order-panels',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgComponentOutlet],
  host: { '[style.display]': 'panels().length ? "contents" : "none"' },
  template: `
    @for (p of panels(); track p) {
      <ng-container
        *ngComponentOutlet="p.component; inputs: { workOrder: workOrder(), refresh: refresh() }"
      />
    }
  `,
})
export class WorkOrderPanelsComponent {
  private readonly all = inject(WORK_ORDER_PANELS, { optional: true }) ?? [];

  readonly area = input.required<'main' | 'side'>();
  readonly workOrder = input.required<WorkOrderDetail>();
  readonly refresh = input.required<() => void>();

  protected readonly panels = computed(() =>
    this.all
      .filter((p) => p.area === this.area())
      .slice()
      .sort((a, b) => a.order - b.order),
  );
}
