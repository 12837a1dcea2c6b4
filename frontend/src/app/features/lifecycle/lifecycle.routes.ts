import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Lease Lifecycle · UnitCycle',
    loadComponent: () =>
      import('./lifecycle-dashboard.component').then((m) => m.LifecycleDashboardComponent),
  },
  {
    path: ':leaseId',
    title: 'Lease Lifecycle Detail · UnitCycle',
    loadComponent: () =>
      import('./lease-lifecycle-detail.component').then((m) => m.LeaseLifecycleDetailComponent),
  },
] satisfies Routes;
