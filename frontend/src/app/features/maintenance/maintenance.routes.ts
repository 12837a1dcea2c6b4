import { Routes } from '@angular/router';

import { requirePermission } from '../../core/auth/permission.guard';
import { ResponsibilityPanelComponent } from '../responsibility/responsibility-panel.component';
import { provideWorkOrderPanel } from './work-order-panels';

export default [
  {
    path: '',
    title: 'Work orders · UnitCycle',
    loadComponent: () =>
      import('./work-order-list.component').then((m) => m.WorkOrderListComponent),
  },
  // Creating needs manage_maintenance (the whole section needs view_maintenance): a read-only role sees
  // the no-access screen at /maintenance/new, not the form.
  ...requirePermission('manage_maintenance', {
    path: 'new',
    title: 'New work order · UnitCycle',
    loadComponent: () => import('./work-order-new.component').then((m) => m.WorkOrderNewComponent),
  }),
  {
    path: ':id',
    title: 'Work order · UnitCycle',
    // who pays for the repair (PRP tenant vs owner responsibility), in the main column under the costs
    providers: [
      provideWorkOrderPanel({ area: 'main', order: 10, component: ResponsibilityPanelComponent }),
    ],
    loadComponent: () =>
      import('./work-order-detail.component').then((m) => m.WorkOrderDetailComponent),
  },
] satisfies Routes;
