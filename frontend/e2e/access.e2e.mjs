// Roles in the browser (issue 12): each demo login sees only what its role may open and do. A leasing agent
// has no Collections and no agent buttons; a read-only user sees every screen without an action; a manager
// scoped to two properties lists exactly those. Only reads: runs first (name order) without changing data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, demoLogin, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };

/** Signs `local`@ in and records every API answer refused with 403 (a screen should never ask for those). */
async function session(local, options = {}) {
  const s = await signedIn({ email: demoLogin(local), ...options });
  s.refused = [];
  s.page.on('response', (res) => {
    if (res.status() === 403 && res.url().includes('/api/')) s.refused.push(res.url());
  });
  return s;
}

/** The sidebar's labels, without the count badge some items carry (Collections shows its open cases). */
async function navLabels(page) {
  const texts = await page.locator('nav a.nav-item').allInnerTexts();
  return texts.map((t) => t.split('\n')[0].trim());
}

/** Opens the command center and waits for its rows. */
async function openCommandCenter(page) {
  await page.goto(`${BASE_URL}/portfolio/command-center`);
  await page.getByTestId('cc-row').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('Roles: what each login sees', { concurrency: false }, () => {
  describe('leasing agent', { concurrency: false }, () => {
    let s;
    before(async () => {
      s = await session('leasing');
    });
    after(async () => {
      await s?.browser.close();
    });

    test('the sidebar has Renewals but no Collections; the top bar names the role', async () => {
      const { page } = s;
      await page.locator('nav a.nav-item').first().waitFor();
      const nav = await navLabels(page);
      assert.ok(nav.includes('Renewals'), nav.join());
      assert.ok(!nav.includes('Collections'), nav.join());
      assert.equal(await page.getByTestId('user-role').innerText(), 'Leasing agent');
      assert.equal(await page.getByTestId('user-scope').innerText(), 'All properties');
      // The dashboard leaves out the cards whose data the role can't see (collections, work orders).
      await page.getByTestId('dashboard-cards').waitFor();
      await page.locator('[data-card=renewals]').waitFor();
      assert.equal(await page.locator('[data-card=collections]').count(), 0);
      assert.equal(await page.locator('[data-card=work-orders]').count(), 0);
    });

    test('opening /collections directly shows the no-access screen, not a page of 403s', async () => {
      const { page } = s;
      await page.goto(`${BASE_URL}/collections`);
      const screen = page.getByTestId('no-access');
      await screen.waitFor();
      assert.equal(
        (await page.getByTestId('no-access-title').innerText()).trim(),
        "Your role (Leasing agent) can't open this page",
      );
      assert.match(await screen.innerText(), /see collection cases/);
      assert.equal(new URL(page.url()).pathname, '/collections');
      assert.equal(await page.getByTestId('collections-stats').count(), 0);
      await shot(page, 'access-leasing-no-collections');
    });

    test('renewals: the list without "Run Scan" (run_agents)', async () => {
      const { page } = s;
      await page.goto(`${BASE_URL}/renewals`);
      await page.getByTestId('renewal-stats').locator('.risk-cards').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('run-scan').count(), 0);
      assert.equal(await page.getByText('Run Scan', { exact: true }).count(), 0);
    });

    test('command center: units, but no agent button and no bulk actions', async () => {
      const { page } = s;
      await openCommandCenter(page);
      assert.equal(await page.getByTestId('run-agent').count(), 0);
      assert.equal(await page.getByTestId('bulk-actions').count(), 0);
      assert.equal(await page.getByTestId('row-checkbox').count(), 0);
      assert.equal(await page.getByTestId('export-csv').isVisible(), true);
      await shot(page, 'access-leasing-command-center');
      assert.deepEqual(s.refused, [], 'no request the role may not make');
    });
  });

  describe('read-only user', { concurrency: false }, () => {
    let s;
    before(async () => {
      s = await session('readonly');
    });
    after(async () => {
      await s?.browser.close();
    });

    test('every screen in the sidebar', async () => {
      const { page } = s;
      await page.locator('nav a.nav-item').first().waitFor();
      const nav = await navLabels(page);
      for (const label of ['Dashboard', 'Command Center', 'Messages', 'Renewals', 'Collections'])
        assert.ok(nav.includes(label), `${label} in ${nav.join()}`);
      assert.match(await page.getByTestId('user-role').innerText(), /Read-only/);
    });

    test('command center: the units with no bulk-action control and no run button', async () => {
      const { page } = s;
      await openCommandCenter(page);
      assert.ok((await page.getByTestId('cc-row').count()) > 0);
      for (const id of [
        'run-agent',
        'selection-bar',
        'select-all',
        'bulk-actions',
        'select-all-checkbox',
        'row-checkbox',
        'selected-rent',
      ])
        assert.equal(await page.getByTestId(id).count(), 0, id);
      await shot(page, 'access-readonly-command-center');
    });

    test('renewals, collections and a lease: no scan, approve or lease action', async () => {
      const { page } = s;
      await page.goto(`${BASE_URL}/renewals`);
      await page.getByTestId('renewal-stats').locator('.risk-cards').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('run-scan').count(), 0);
      assert.equal(await page.getByTestId('pick').count(), 0);

      await page.goto(`${BASE_URL}/collections`);
      await page.getByTestId('collections-stats').locator('app-stat-card').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('scan-now').count(), 0);
      const cases = await api(page, '/api/v1/collections/?page_size=1');
      if (cases.results.length) {
        await page.goto(`${BASE_URL}/collections/${cases.results[0].id}`);
        await page.getByTestId('case-stats').waitFor();
        assert.equal(await page.getByTestId('case-actions').count(), 0);
        assert.equal(await page.locator('[data-action]').count(), 0);
      }

      const leases = await api(page, '/api/v1/tenants/leases/?lease_status=active&page_size=1');
      await page.goto(`${BASE_URL}/lifecycle/${leases.results[0].id}`);
      await page.getByTestId('lease-badge').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('app-lease-action-buttons').count(), 0);
      assert.equal(await page.getByText('Give Notice').count(), 0);
      assert.deepEqual(s.refused, [], 'no request the role may not make');
    });
  });

  describe('manager scoped to two properties', { concurrency: false }, () => {
    let s;
    before(async () => {
      s = await session('scoped');
    });
    after(async () => {
      await s?.browser.close();
    });

    test('the properties screen lists exactly two properties', async () => {
      const { page } = s;
      assert.equal(await page.getByTestId('user-scope').innerText(), '2 properties');
      await page.goto(`${BASE_URL}/properties`);
      await page.getByTestId('property-row').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('property-row').count(), 2);
      const me = await api(page, '/api/v1/auth/me/');
      assert.equal(me.properties.length, 2);
      const names = await page.getByTestId('property-row').locator('a.name').allInnerTexts();
      assert.deepEqual(names.sort(), me.properties.map((p) => p.name).sort());
      await shot(page, 'access-scoped-properties');
    });
  });

  describe('on a phone (390×844)', { concurrency: false }, () => {
    let s;
    before(async () => {
      s = await session('leasing', { viewport: PHONE });
    });
    after(async () => {
      await s?.browser.close();
    });

    test('the top bar keeps the role; the drawer lists only what the role may open', async () => {
      const { page } = s;
      const role = page.getByTestId('user-role');
      assert.equal(await role.isVisible(), true);
      assert.equal(await role.innerText(), 'Leasing agent');
      assert.equal(await page.getByTestId('user-email').isVisible(), false);
      await page.getByTestId('menu-button').click();
      await page.waitForFunction(() => {
        const r = document.querySelector('[data-testid=sidebar]').getBoundingClientRect();
        return r.left >= 0 && r.width > 200;
      });
      const nav = await navLabels(page);
      assert.ok(!nav.includes('Collections'), nav.join());
      assert.match(
        await page.getByTestId('nav-access').innerText(),
        /Leasing agent\s+All properties/,
      );
      await shot(page, 'access-phone-leasing-drawer', { fullPage: false });
      await page.keyboard.press('Escape');

      await openCommandCenter(page);
      const width = await page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      assert.ok(width <= PHONE.width, `page ${width}px wide on a ${PHONE.width}px phone`);
      assert.equal(await page.getByTestId('bulk-actions').count(), 0);
      await shot(page, 'access-phone-leasing-command-center', { fullPage: false });
    });
  });
});
