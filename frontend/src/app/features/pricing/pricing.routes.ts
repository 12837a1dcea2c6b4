import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Dynamic Pricing · UnitCycle',
    loadComponent: () =>
      import('./pricing-dashboard.component').then((m) => m.PricingDashboardComponent),
  },
  {
    path: ':unitId',
    title: 'Unit pricing · UnitCycle',
    loadComponent: () => import('./unit-pricing.component').then((m) => m.UnitPricingComponent),
  },
] satisfies Routes;
