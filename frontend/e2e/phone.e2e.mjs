// Browser tests on a phone (390×844): the shell's drawer, and no screen wider than the phone.
// Needs a seeded server at BASE_URL (scripts/test_frontend.sh starts one).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch } from './browser.mjs';
import { BASE_URL, EMAIL, PASSWORD, SHOTS, api } from './support.mjs';

const PHONE = { width: 390, height: 844 };

let browser;
let page;

/** The page's own width: wider than the viewport means the whole page scrolls sideways. */
async function pageWidth() {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

async function open(path, readySelector) {
  await page.goto(`${BASE_URL}${path}`);
  await page.waitForSelector(readySelector, { state: 'attached' });
  // Fonts and late data can widen a layout: wait for the network to settle before measuring.
  await page.waitForLoadState('networkidle');
}

describe('phone viewport (390×844)', () => {
  before(async () => {
    browser = await launch({ viewport: PHONE });
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (err) => console.error('[page error]', err.message));
    await page.goto(`${BASE_URL}/login`);
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/dashboard$/);
  });

  after(async () => {
    await browser?.close();
  });

  test('the sidebar is a drawer behind a menu button', async () => {
    await open('/dashboard', 'app-stat-card');
    const sidebar = page.locator('[data-testid=sidebar]');
    assert.equal(await sidebar.isVisible(), false, 'the drawer starts closed');
    const menu = page.locator('[data-testid=menu-button]');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await menu.click();
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid=sidebar]').getBoundingClientRect();
      return r.left >= 0 && r.width > 200;
    });
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    // Labels are readable in the drawer (not an icon rail).
    assert.equal(await sidebar.getByText('Command Center').isVisible(), true);
    await page.screenshot({ path: join(SHOTS, 'phone-drawer.png') });
    await sidebar.getByText('Command Center').click();
    await page.waitForURL(/\/portfolio\/command-center/);
    await page.waitForSelector('[data-testid=nav-backdrop]', { state: 'detached' });
    assert.equal(await sidebar.isVisible(), false, 'navigating closes the drawer');
  });

  test('Escape and the backdrop close the drawer', async () => {
    await page.click('[data-testid=menu-button]');
    await page.waitForSelector('[data-testid=nav-backdrop]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=nav-backdrop]', { state: 'detached' });
    await page.click('[data-testid=menu-button]');
    await page.click('[data-testid=nav-backdrop]', { position: { x: 370, y: 400 } });
    await page.waitForSelector('[data-testid=nav-backdrop]', { state: 'detached' });
  });

  test('the dashboard fits the phone', async () => {
    await open('/dashboard', 'app-stat-card');
    assert.ok((await pageWidth()) <= PHONE.width, `dashboard is ${await pageWidth()} px wide`);
    await page.screenshot({ path: join(SHOTS, 'phone-dashboard.png'), fullPage: true });
  });

  test('the command center fits the phone; its table scrolls inside its card', async () => {
    await open('/portfolio/command-center', '[data-testid=cc-row]');
    assert.ok((await pageWidth()) <= PHONE.width, `command center is ${await pageWidth()} px wide`);
    const table = page.locator('[data-testid=cc-table]');
    const [scrollW, clientW] = await table.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scrollW > clientW, 'the wide table scrolls sideways inside its card');
    await page.screenshot({ path: join(SHOTS, 'phone-command-center.png') });
  });

  test('a unit fits the phone', async () => {
    const units = await api(page, '/api/v1/units/?page_size=1&status=occupied');
    assert.ok(units.results.length, 'the demo has an occupied unit');
    await open(`/units/${units.results[0].id}`, '[role=tablist]');
    assert.ok((await pageWidth()) <= PHONE.width, `unit detail is ${await pageWidth()} px wide`);
    await page.screenshot({ path: join(SHOTS, 'phone-unit.png'), fullPage: true });
  });

  test('the other list screens fit the phone', async () => {
    for (const [path, ready] of [
      ['/lifecycle', 'app-lifecycle-hex-grid, .page-header'],
      ['/renewals', '.page-header'],
      ['/collections', '.page-header'],
      ['/properties', '.page-header'],
    ]) {
      await open(path, ready);
      assert.ok((await pageWidth()) <= PHONE.width, `${path} is ${await pageWidth()} px wide`);
    }
  });
});
