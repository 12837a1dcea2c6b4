import { Routes } from '@angular/router';

export default [
  { path: '', pathMatch: 'full', redirectTo: 'command-center' },
  {
    path: 'command-center',
    title: 'Portfolio Command Center · UnitCycle',
    loadComponent: () => import('./command-center.component').then((m) => m.CommandCenterComponent),
  },
  {
    path: 'bulk-actions',
    title: 'Bulk-action history · UnitCycle',
    loadComponent: () =>
      import('./bulk-history/bulk-history.component').then((m) => m.BulkHistoryComponent),
  },
] satisfies Routes;
