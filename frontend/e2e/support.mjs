// Shared by the browser tests: where the server is, where screenshots go, sign-in and API helpers.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { launch } from './browser.mjs';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8765').replace(/\/$/, '');
export const SHOTS = resolve(
  process.env.SCREENSHOT_DIR || join(import.meta.dirname, '../../test-artifacts/screenshots'),
);
export const EMAIL = process.env.E2E_EMAIL || 'demo@unitcycle.local';
export const PASSWORD = process.env.E2E_PASSWORD || 'unitcycle';

mkdirSync(SHOTS, { recursive: true });

/** A demo login of another role, on the demo manager's domain: demoLogin('leasing') → leasing@unitcycle.local. */
export function demoLogin(local) {
  return `${local}@${EMAIL.split('@')[1]}`;
}

/** A browser with one page, signed in as the demo manager (or `email`, with the demo password). */
export async function signedIn({ email = EMAIL, password = PASSWORD, viewport } = {}) {
  const browser = await launch(viewport ? { viewport } : undefined);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(`${BASE_URL}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/dashboard$/);
  return { browser, page };
}

/** A full-page screenshot from the top (the sticky top bar would otherwise be drawn mid-page); dialogs
 * are fixed to the viewport, so `{ fullPage: false }` shows them over the page as the user sees it. */
export async function shot(page, name, { fullPage = true } = {}) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  else await page.waitForTimeout(300); // let a dialog's open animation finish
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Calls the API from the page with the signed-in token; JSON in, JSON out. */
export async function api(page, path, { method = 'GET', body } = {}) {
  return page.evaluate(
    async ([p, m, b]) => {
      const token = localStorage.getItem('unitcycle.token');
      const headers = { Authorization: `Token ${token}` };
      if (b !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(p, {
        method: m,
        headers,
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      if (!res.ok) throw new Error(`${m} ${p} -> ${res.status} ${await res.text()}`);
      return res.json();
    },
    [path, method, body],
  );
}

/** "$1,234.56" → 1234.56 */
export function money(text) {
  return Number(String(text).replace(/[^0-9.-]/g, ''));
}

export function fmtMoney(n) {
  return n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}
