import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Responsibility · UnitCycle',
    loadComponent: () =>
      import('./responsibility-page.component').then((m) => m.ResponsibilityPageComponent),
  },
] satisfies Routes;
