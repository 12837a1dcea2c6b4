import { Routes } from '@angular/router';

export default [
  { path: '', pathMatch: 'full', redirectTo: '/properties' },
  {
    path: ':id',
    title: 'Unit · UnitCycle',
    loadComponent: () =>
      import('./unit-detail/unit-detail.component').then((m) => m.UnitDetailComponent),
  },
] satisfies Routes;
