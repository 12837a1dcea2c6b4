import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody } from '../models';

/** What a 403 says when the API gave no reason (it usually names the role: "Your role (Leasing agent) can't …"). */
export const FORBIDDEN_MESSAGE = "Your role can't do this.";

/** An API failure with the server's `detail` as its message and per-field `errors`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  static from(err: HttpErrorResponse): ApiError {
    const body = (typeof err.error === 'object' && err.error ? err.error : {}) as ApiErrorBody;
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, value] of Object.entries(body.errors ?? {})) {
      fieldErrors[field] = Array.isArray(value) ? value.map(String) : [String(value)];
    }
    // A service's refusal that names its field (`ApplicationError(..., extra={"field": "scheduled_date"})`).
    const named = (body as { field?: unknown }).field;
    if (typeof named === 'string' && named && body.detail && !(named in fieldErrors)) {
      fieldErrors[named] = [body.detail];
    }
    return new ApiError(
      err.status,
      body.detail || ApiError.fallbackMessage(err.status),
      fieldErrors,
    );
  }

  static fallbackMessage(status: number): string {
    if (status === 0) return 'Cannot reach the server. Check your connection and try again.';
    if (status === 401) return 'Please sign in again.';
    if (status === 403) return FORBIDDEN_MESSAGE;
    if (status === 404) return 'Not found.';
    if (status === 429) return 'Too many attempts. Please wait a few minutes and try again.';
    if (status >= 500) return 'The server had a problem. Please try again in a moment.';
    return 'The request failed.';
  }
}

/** A readable message from whatever a request or resource failed with. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail;
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof ApiError) return cause.detail;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}
