import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Inspections · UnitCycle',
    loadComponent: () =>
      import('./inspection-list.component').then((m) => m.InspectionListComponent),
  },
  {
    path: 'new',
    title: 'New inspection · UnitCycle',
    loadComponent: () => import('./inspection-new.component').then((m) => m.InspectionNewComponent),
  },
  {
    path: ':inspectionId',
    title: 'Inspection · UnitCycle',
    loadComponent: () =>
      import('./inspection-detail.component').then((m) => m.InspectionDetailComponent),
  },
  {
    path: ':inspectionId/letter',
    title: 'Deduction letter · UnitCycle',
    loadComponent: () =>
      import('./inspection-letter.component').then((m) => m.InspectionLetterComponent),
  },
] satisfies Routes;
