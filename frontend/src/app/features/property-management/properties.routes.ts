import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Properties · UnitCycle',
    loadComponent: () =>
      import('./property-list/property-list.component').then((m) => m.PropertyListComponent),
  },
  {
    path: ':id',
    title: 'Property · UnitCycle',
    loadComponent: () =>
      import('./property-detail/property-detail.component').then((m) => m.PropertyDetailComponent),
  },
] satisfies Routes;
