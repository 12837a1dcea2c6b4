import { inject } from '@angular/core';
import { CanMatchFn, Route } from '@angular/router';
import { map } from 'rxjs';

import { AuthService, PERMISSIONS, Permission } from './auth.service';

/**
 * A screen that needs `perm` (`canMatch: [permissionGuard('view_collections')]`): waits for the signed-in
 * user (`/auth/me/`), then matches for a role with the permission. For a role without it the route does
 * not match (its lazy code is not even loaded) and the router goes on to the next route with the same
 * path: `requirePermission` puts the "your role can't open this page" screen there, so the address bar
 * keeps the page's URL and no request of the page is sent. Signed out, it matches and leaves the redirect
 * to /login to `authGuard`.
 */
export function permissionGuard(perm: Permission | readonly Permission[]): CanMatchFn {
  const anyOf = typeof perm === 'string' ? [perm] : [...perm];
  return () => {
    const auth = inject(AuthService);
    return auth.ensureUser().pipe(map(() => !auth.isAuthenticated() || auth.canAny(...anyOf)));
  };
}

/**
 * The route for roles with `perm` (or with any one of several: `['view_invoices', 'view_maintenance']`),
 * followed by the same path showing the no-access screen to the others (for the path and anything under it).
 */
export function requirePermission(perm: Permission | readonly Permission[], route: Route): Route[] {
  return [
    { ...route, canMatch: [...(route.canMatch ?? []), permissionGuard(perm)] },
    {
      path: route.path,
      children: [
        {
          path: '**',
          title: 'No access · UnitCycle',
          data: { need: typeof perm === 'string' ? perm : perm.join('|') },
          loadComponent: () =>
            import('../../features/no-access.component').then((m) => m.NoAccessComponent),
        },
      ],
    },
  ];
}

/** The words for what a permission lets a person do ("see collection cases"); "a|b" (any of) joins them
 * with "or". */
export function permissionWords(perm: string | null | undefined): string | null {
  const words = (perm ?? '')
    .split('|')
    .filter((p) => p in PERMISSIONS)
    .map((p) => PERMISSIONS[p as Permission]);
  return words.length ? words.join(' or ') : null;
}
