import { Routes } from '@angular/router';

import { authGuard, guestGuard } from './core/auth/auth.guard';
import { requirePermission } from './core/auth/permission.guard';
import { ShellComponent } from './core/layout/shell.component';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · UnitCycle',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/login.component').then((m) => m.LoginComponent),
  },
  {
    // the tenant's dispute link from a repair-charge notice: the signed token is the credential, no sign-in
    path: 'charge-dispute/:token',
    title: 'Repair charge · UnitCycle',
    loadComponent: () =>
      import('./features/responsibility/charge-dispute.component').then(
        (m) => m.ChargeDisputeComponent,
      ),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      // Each screen needs the view permission of the data it shows (the API's); a role without it sees
      // the no-access screen at the same URL.
      ...requirePermission('view_portfolio', {
        path: 'dashboard',
        loadChildren: () => import('./features/dashboard/dashboard.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'properties',
        loadChildren: () => import('./features/property-management/properties.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'units',
        loadChildren: () => import('./features/property-management/units.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'lifecycle',
        loadChildren: () => import('./features/lifecycle/lifecycle.routes'),
      }),
      ...requirePermission('view_renewals', {
        path: 'renewals',
        loadChildren: () => import('./features/renewals/renewals.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'pricing',
        loadChildren: () => import('./features/pricing/pricing.routes'),
      }),
      ...requirePermission('view_collections', {
        path: 'collections',
        loadChildren: () => import('./features/collections/collections.routes'),
      }),
      ...requirePermission('view_invoices', {
        path: 'invoices',
        loadChildren: () => import('./features/invoices/invoices.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'chat',
        loadChildren: () => import('./features/chat/chat.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'portfolio',
        loadChildren: () => import('./features/portfolio/portfolio.routes'),
      }),
      ...requirePermission('view_messages', {
        path: 'communications',
        loadChildren: () => import('./features/communications/communications.routes'),
      }),
      ...requirePermission('view_messages', {
        path: 'messages',
        loadChildren: () => import('./features/messages/messages.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'rules',
        loadChildren: () => import('./features/jurisdiction-rules/jurisdiction-rules.routes'),
      }),
      ...requirePermission('import_portfolio', {
        path: 'settings/import',
        loadChildren: () => import('./features/import/import.routes'),
      }),
      ...requirePermission(['view_maintenance', 'view_ledger'], {
        path: 'responsibility',
        loadChildren: () => import('./features/responsibility/responsibility.routes'),
      }),
      ...requirePermission('view_maintenance', {
        path: 'maintenance',
        loadChildren: () => import('./features/maintenance/maintenance.routes'),
      }),
      ...requirePermission(['view_invoices', 'view_maintenance'], {
        path: 'vendors',
        loadChildren: () => import('./features/vendors/vendors.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'turnover',
        loadChildren: () => import('./features/turnover/turnover.routes'),
      }),
      ...requirePermission('view_portfolio', {
        path: 'inspections',
        loadChildren: () => import('./features/inspections/inspections.routes'),
      }),
      ...requirePermission('view_maintenance', {
        path: 'equipment',
        loadChildren: () => import('./features/equipment/equipment.routes'),
      }),
      ...requirePermission('view_maintenance', {
        path: 'predictive-maintenance',
        loadChildren: () =>
          import('./features/predictive-maintenance/predictive-maintenance.routes'),
      }),
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
