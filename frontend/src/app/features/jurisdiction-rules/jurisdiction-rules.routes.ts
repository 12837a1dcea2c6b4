import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Rules by state · UnitCycle',
    loadComponent: () =>
      import('./jurisdiction-rules.component').then((m) => m.JurisdictionRulesComponent),
  },
] satisfies Routes;
