import { Routes } from '@angular/router';

export default [
  { path: '', pathMatch: 'full', redirectTo: 'command-center' },
  {
    path: 'command-center',
    title: 'Portfolio Command Center · UnitCycle',
    loadComponent: () => import('./command-center.component').then((m) => m.CommandCenterComponent),
  },
] satisfies Routes;
