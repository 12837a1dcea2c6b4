import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Import portfolio · UnitCycle',
    loadComponent: () => import('./import.component').then((m) => m.ImportComponent),
  },
] satisfies Routes;
