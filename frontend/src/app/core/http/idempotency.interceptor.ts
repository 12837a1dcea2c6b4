import { HttpContextToken, HttpInterceptorFn, HttpRequest } from '@angular/common/http';

/**
 * A caller may pass its own key (one per user action, reused when the user retries the same action):
 * `{ context: new HttpContext().set(IDEMPOTENCY_KEY, key) }`.
 */
export const IDEMPOTENCY_KEY = new HttpContextToken<string | null>(() => null);

/** POSTs that move money or send messages (the API's `@idempotent` views, core/idempotency.py). */
const IDEMPOTENT_POSTS: RegExp[] = [
  /\/collections\/[^/]+\/(record-payment|offer-plan|accept-plan|send-reminder|escalate|approve-legal)\/$/,
  /\/renewals\/[^/]+\/(approve|send|respond)\/$/,
  /\/portfolio\/bulk-actions\/$/,
  /\/messages\/outbox\/[^/]+\/retry\/$/,
  /\/invoices\/$/,
  /\/invoices\/[^/]+\/transition\/$/,
  /\/turnover\/[^/]+\/(deductions|send-deduction-letter)\/$/,
  /\/pricing\/units\/[^/]+\/apply\/$/,
  /\/invoices\/upload\/$/,
  /\/invoices\/[^/]+\/(approve|reject)-extraction\/$/,
];

/** One key per request object: a retried observable (`retry()`) re-sends the same request with the same key. */
const keys = new WeakMap<HttpRequest<unknown>, string>();

export function needsIdempotencyKey(req: HttpRequest<unknown>): boolean {
  const path = req.url.split('?')[0];
  return req.method === 'POST' && IDEMPOTENT_POSTS.some((re) => re.test(path));
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function')
    return crypto.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

/**
 * Adds `Idempotency-Key` to money-moving / message-sending POSTs, so a double click, a flaky network or a
 * retried request applies once (the server replays the first answer).
 */
export const idempotencyInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.headers.has('Idempotency-Key') || !needsIdempotencyKey(req)) return next(req);
  let key = req.context.get(IDEMPOTENCY_KEY) ?? keys.get(req);
  if (!key) {
    key = newIdempotencyKey();
    keys.set(req, key);
  }
  return next(req.clone({ setHeaders: { 'Idempotency-Key': key } }));
};
