import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Collections · UnitCycle',
    loadComponent: () =>
      import('./collections-dashboard.component').then((m) => m.CollectionsDashboardComponent),
  },
  {
    path: ':caseId',
    title: 'Collection Case · UnitCycle',
    loadComponent: () =>
      import('./collection-detail.component').then((m) => m.CollectionDetailComponent),
  },
] satisfies Routes;
