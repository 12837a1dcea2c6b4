import { Routes } from '@angular/router';

import { requirePermission } from '../../core/auth/permission.guard';

export default [
  {
    path: '',
    title: 'Invoices · UnitCycle',
    loadComponent: () => import('./invoice-list.component').then((m) => m.InvoiceListComponent),
  },
  ...requirePermission('manage_invoices', {
    path: 'new',
    title: 'New invoice · UnitCycle',
    loadComponent: () => import('./invoice-form.component').then((m) => m.InvoiceFormComponent),
  }),
  // 3.2 Invoice processing extends the detail (AI extraction side panel: invoice-side-panels.ts) at this path.
  { path: 'processing/:invoiceId', redirectTo: ':invoiceId' },
  ...requirePermission('manage_invoices', {
    path: ':invoiceId/edit',
    title: 'Edit invoice · UnitCycle',
    loadComponent: () => import('./invoice-form.component').then((m) => m.InvoiceFormComponent),
  }),
  {
    path: ':invoiceId',
    title: 'Invoice · UnitCycle',
    loadComponent: () => import('./invoice-detail.component').then((m) => m.InvoiceDetailComponent),
  },
] satisfies Routes;
