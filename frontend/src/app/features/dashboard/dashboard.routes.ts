import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Dashboard · UnitCycle',
    loadComponent: () => import('./dashboard.component').then((m) => m.DashboardComponent),
  },
] satisfies Routes;
