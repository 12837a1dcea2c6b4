import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Renewals · UnitCycle',
    loadComponent: () =>
      import('./renewal-dashboard.component').then((m) => m.RenewalDashboardComponent),
  },
  {
    path: ':id',
    title: 'Renewal · UnitCycle',
    loadComponent: () => import('./renewal-detail.component').then((m) => m.RenewalDetailComponent),
  },
] satisfies Routes;
