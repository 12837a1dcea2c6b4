import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Vendors · UnitCycle',
    loadComponent: () => import('./vendor-list.component').then((m) => m.VendorListComponent),
  },
  {
    path: 'new',
    title: 'New vendor · UnitCycle',
    loadComponent: () => import('./vendor-form.component').then((m) => m.VendorFormComponent),
  },
  {
    path: ':vendorId/edit',
    title: 'Edit vendor · UnitCycle',
    loadComponent: () => import('./vendor-form.component').then((m) => m.VendorFormComponent),
  },
  {
    path: ':vendorId',
    title: 'Vendor · UnitCycle',
    loadComponent: () => import('./vendor-detail.component').then((m) => m.VendorDetailComponent),
  },
] satisfies Routes;
