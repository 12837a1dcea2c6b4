import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';

import { environment } from '../../../environments/environment';
import { AuthService } from '../auth/auth.service';
import { ToastService } from '../notifications/toast.service';
import { ApiError, FORBIDDEN_MESSAGE } from '../utils/api-error';
import { SILENT_ERRORS } from './http-context';

/**
 * Adds `Authorization: Token <t>` to API calls and turns failures into `ApiError`s:
 * 401 (an expired or revoked token) signs out and goes to /login with a message; failed writes, 5xx and
 * network errors show a toast (screens show their own error state for failed reads). A 403 (the role
 * may not do this) says so — the API's "Your role (…) can't …", else "Your role can't do this." — as a
 * toast unless the caller shows it itself, and asks `/auth/me/` again so the screens hide what the role
 * (perhaps just changed) can't do. A failed sign-in (401 wrong password, 429 locked out) is left to the
 * login form, which shows the API's message.
 */
export const apiInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const toast = inject(ToastService);
  const router = inject(Router);

  const isApi = req.url.startsWith(environment.apiUrl) || req.url.startsWith('/api/');
  const isLogin = req.url.endsWith('/auth/token/');
  const token = auth.token();
  const request =
    isApi && token && !isLogin
      ? req.clone({ setHeaders: { Authorization: `Token ${token}` } })
      : req;

  return next(request).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse)) return throwError(() => err);
      const apiError = ApiError.from(err);
      if (err.status === 401 && isApi && !isLogin) {
        const hadSession = auth.isAuthenticated();
        auth.clearSession();
        if (!router.url.startsWith('/login')) {
          const returnUrl = router.url && router.url !== '/' ? router.url : undefined;
          void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
          if (hadSession) toast.info('Your session has ended. Please sign in again.');
        }
      } else if (err.status === 403 && isApi && !isLogin) {
        if (!req.context.get(SILENT_ERRORS)) toast.error(apiError.detail || FORBIDDEN_MESSAGE);
        if (!req.url.endsWith('/auth/me/')) auth.refreshUser().subscribe();
      } else if (
        !isLogin &&
        !req.context.get(SILENT_ERRORS) &&
        (req.method !== 'GET' || err.status === 0 || err.status >= 500)
      ) {
        toast.error(apiError.detail);
      }
      return throwError(() => apiError);
    }),
  );
};
