import { Routes } from '@angular/router';

import { authGuard, guestGuard } from './core/auth/auth.guard';
import { ShellComponent } from './core/layout/shell.component';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · UnitCycle',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login.component').then((m) => m.LoginComponent),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', loadChildren: () => import('./features/dashboard/dashboard.routes') },
      {
        path: 'properties',
        loadChildren: () => import('./features/property-management/properties.routes'),
      },
      { path: 'units', loadChildren: () => import('./features/property-management/units.routes') },
      { path: 'lifecycle', loadChildren: () => import('./features/lifecycle/lifecycle.routes') },
      { path: 'renewals', loadChildren: () => import('./features/renewals/renewals.routes') },
      {
        path: 'collections',
        loadChildren: () => import('./features/collections/collections.routes'),
      },
      { path: 'portfolio', loadChildren: () => import('./features/portfolio/portfolio.routes') },
      { path: 'messages', loadChildren: () => import('./features/messages/messages.routes') },
      {
        path: 'rules',
        loadChildren: () => import('./features/jurisdiction-rules/jurisdiction-rules.routes'),
      },
      {
        path: 'account/devices',
        title: 'Signed-in devices · UnitCycle',
        loadComponent: () =>
          import('./features/account/devices.component').then((m) => m.DevicesComponent),
      },
      {
        path: '**',
        title: 'Not found · UnitCycle',
        loadComponent: () =>
          import('./features/not-found.component').then((m) => m.NotFoundComponent),
      },
    ],
  },
];
