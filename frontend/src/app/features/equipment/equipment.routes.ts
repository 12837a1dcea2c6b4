import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Equipment · UnitCycle',
    loadComponent: () => import('./equipment-list.component').then((m) => m.EquipmentListComponent),
  },
] satisfies Routes;
