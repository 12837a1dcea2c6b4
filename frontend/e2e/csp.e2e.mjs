// The app under its Content-Security-Policy (config/settings/security.py, django-csp): the header is sent,
// index.html carries the per-request nonce for Angular's inserted <style> elements, and signing in plus
// every main screen (and Swagger UI) runs without a single CSP violation. Reads only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, shot, signedIn } from './support.mjs';

let browser;
let page;
const violations = [];

describe('Content-Security-Policy', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
    await page.context().addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__csp ||= []).push(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('index.html is served with a CSP header and the nonce Angular uses', async () => {
    const res = await page.request.get(`${BASE_URL}/dashboard`);
    const csp = res.headers()['content-security-policy'];
    assert.ok(csp, 'no Content-Security-Policy header');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.ok((await res.text()).includes(`ngCspNonce="${nonce}"`));
  });

  test('the main screens render without a CSP violation', { timeout: 120_000 }, async () => {
    for (const [path, ready] of [
      ['/dashboard', 'main'],
      ['/lifecycle', 'main'],
      ['/renewals', 'main'],
      ['/collections', 'main'],
      ['/portfolio/command-center', '[data-testid=cc-row]'],
      ['/properties', 'main'],
    ]) {
      await page.goto(`${BASE_URL}${path}`);
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      // Component styles applied: Angular's emulated-encapsulation <style> elements carry the nonce.
      const styles = await page.evaluate(() =>
        [...document.querySelectorAll('head style')].map(
          (s) => s.nonce || s.getAttribute('nonce') || '',
        ),
      );
      assert.ok(
        styles.length > 0 && styles.every((n) => n),
        `${path}: <style> without nonce (${styles.length})`,
      );
      const inPage = await page.evaluate(() => window.__csp || []);
      assert.deepEqual([...inPage, ...violations], [], `${path}: CSP violations`);
    }
    await page.goto(`${BASE_URL}/dashboard`);
    await page.locator('main').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, '40-dashboard-under-csp');
  });

  test('Swagger UI (/api/docs/) works under the CSP', async () => {
    await page.goto(`${BASE_URL}/api/docs/`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    const inPage = await page.evaluate(() => window.__csp || []);
    assert.deepEqual([...inPage, ...violations], [], 'CSP violations on /api/docs/');
  });
});
