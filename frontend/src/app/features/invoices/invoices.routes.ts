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
  // 3.2 Invoice AI: the processing queue (upload, statuses) and the side-by-side review of one upload.
  {
    path: 'processing',
    title: 'Invoice processing · UnitCycle',
    loadComponent: () =>
      import('./invoice-processing-queue.component').then((m) => m.InvoiceProcessingQueueComponent),
  },
  {
    path: 'processing/:invoiceId',
    title: 'Invoice review · UnitCycle',
    loadComponent: () => import('./invoice-review.component').then((m) => m.InvoiceReviewComponent),
  },
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
