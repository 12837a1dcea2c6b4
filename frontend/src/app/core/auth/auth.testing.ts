// Test helpers (specs only; excluded from the app build): sign a TestBed in as a role.
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { AuthService, CurrentUser, PERMISSIONS, Permission } from './auth.service';

/** Every permission (an administrator or property manager). */
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** The read-only role: every view_* permission, no action. */
export const READ_ONLY_PERMISSIONS = ALL_PERMISSIONS.filter((p) => p.startsWith('view_'));

/**
 * Signs the TestBed's AuthService in through its real HTTP calls (`/auth/token/`, then `/auth/me/`
 * answered with `permissions`). Needs `provideHttpClientTesting()`; leaves a token in localStorage, so
 * clear it after the test.
 */
export function signInAs(
  permissions: readonly Permission[],
  user: Partial<CurrentUser> = {},
): CurrentUser {
  const auth = TestBed.inject(AuthService);
  const http = TestBed.inject(HttpTestingController);
  const me: CurrentUser = {
    email: 'test@unitcycle.local',
    first_name: 'Test',
    last_name: 'User',
    is_staff: false,
    role: 'property_manager',
    role_label: 'Property manager',
    properties: null,
    ...user,
    permissions: [...permissions],
  };
  auth.login(me.email, 'password').subscribe();
  http.expectOne((r) => r.url.endsWith('/auth/token/')).flush({ token: 'test-token' });
  http.expectOne((r) => r.url.endsWith('/auth/me/')).flush(me);
  return me;
}
