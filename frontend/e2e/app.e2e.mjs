// Browser tests: what a manager does — sign in, open a screen, filter, act, see the result.
// Needs a seeded server at BASE_URL (scripts/test_frontend.sh starts one).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch } from './browser.mjs';

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8765').replace(/\/$/, '');
const SHOTS = resolve(
  process.env.SCREENSHOT_DIR || join(import.meta.dirname, '../../test-artifacts/screenshots'),
);
const EMAIL = process.env.E2E_EMAIL || 'demo@unitcycle.local';
const PASSWORD = process.env.E2E_PASSWORD || 'unitcycle';
/** The seeded demo's lifecycle counts (spec 1.1 wireframe). */
const EXPECTED_COUNTS = (process.env.E2E_EXPECTED_COUNTS || '2,841/1,146/87/279').split('/');

const HEX_RGB = {
  active: 'rgb(13, 148, 136)',
  month_to_month: 'rgb(217, 119, 6)',
  notice: 'rgb(220, 38, 38)',
  vacant: 'rgb(148, 163, 184)',
};

mkdirSync(SHOTS, { recursive: true });

let browser;
let page;
/** State shared by the steps of the manager's walk. */
const shared = {};

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function daysFromToday(n) {
  const d = new Date();
  return isoDate(new Date(d.getFullYear(), d.getMonth(), d.getDate() + n));
}

/** Calls the API from the page with the signed-in token. */
async function api(path) {
  return page.evaluate(async (p) => {
    const token = localStorage.getItem('unitcycle.token');
    const res = await fetch(p, { headers: { Authorization: `Token ${token}` } });
    if (!res.ok) throw new Error(`${p} -> ${res.status}`);
    return res.json();
  }, path);
}

describe('UnitCycle in the browser', { concurrency: false }, () => {
  before(async () => {
    browser = await launch();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error('[page error]', err.message));
  });

  after(async () => {
    await browser?.close();
  });

  test('redirects to /login and rejects a wrong password with the API detail', async () => {
    await page.goto(`${BASE_URL}/lifecycle`);
    await page.waitForURL(/\/login\?returnUrl=%2Flifecycle/);
    await page.getByText('demo@unitcycle.local').first().waitFor();
    await shot('01-login');
    await page.fill('#email', EMAIL);
    await page.fill('#password', 'wrong-password');
    await page.click('button[type=submit]');
    const err = page.getByTestId('login-error');
    await err.waitFor();
    assert.match(await err.innerText(), /\S/);
  });

  test('signs in and lands on the requested screen', async () => {
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/lifecycle$/);
    await page.locator('app-lifecycle-hex-grid').waitFor();
    assert.equal(await page.getByTestId('user-email').innerText(), EMAIL);
  });

  test('dashboard shows its stat cards (first-screen load time measured)', async () => {
    // Cold: empty HTTP cache, full navigation → the cards are on screen.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.goto(`${BASE_URL}/dashboard`);
    await page.getByTestId('dashboard-cards').waitFor();
    const cold = await page.evaluate(() => Math.round(performance.now()));
    // Warm: the same with the bundles cached.
    await page.goto(`${BASE_URL}/dashboard`);
    await page.getByTestId('dashboard-cards').waitFor();
    const warm = await page.evaluate(() => Math.round(performance.now()));
    console.log(
      `# first screen (navigation start → dashboard cards visible): cold ${cold} ms, warm ${warm} ms`,
    );
    shared.loadTimes = { cold, warm };

    const cards = page.locator('[data-testid=dashboard-cards] app-stat-card');
    assert.ok((await cards.count()) >= 5, 'at least five stat cards');
    const text = await page.getByTestId('dashboard-cards').innerText();
    for (const label of [
      /units/i,
      /occupancy/i,
      /rent roll/i,
      /open work orders/i,
      /overdue balance/i,
    ]) {
      assert.match(text, label);
    }
    assert.match(text, /4,353/);
    assert.match(text, /\$[\d,]+\.\d\d/);
    await page.locator('app-lifecycle-bar .legend').first().waitFor();
    // Every money card says what it counts, and no two cards repeat one figure under two names.
    const values = await page
      .locator('[data-testid=dashboard-cards] app-stat-card .value')
      .allInnerTexts();
    const money = values.filter((v) => v.startsWith('$'));
    assert.equal(
      new Set(money).size,
      money.length,
      `a dollar figure appears twice: ${money.join(', ')}`,
    );
    assert.match(
      await page.locator('app-stat-card[data-card=rent-roll]').innerText(),
      /Current rent of the [\d,]+ occupied leases/,
    );
    assert.equal(
      await page.locator('app-stat-card[data-card=overdue] a.more').getAttribute('href'),
      '/collections',
    );
    await shot('02-dashboard');
  });

  test('lifecycle dashboard shows 2,841 / 1,146 / 87 / 279 on the state cards', async () => {
    await page.goto(`${BASE_URL}/lifecycle`);
    const counts = page.locator('app-lifecycle-hex-grid [data-testid=state-count]');
    await counts.first().waitFor();
    assert.deepEqual(await counts.allInnerTexts(), EXPECTED_COUNTS);
    await page.locator('app-expiring-leases-table tbody tr').first().waitFor();
    assert.match(
      await page.getByTestId('expiring-strip').innerText(),
      /30 days:\s*\d+.*60 days:\s*\d+.*90 days:\s*\d+/s,
    );
    await shot('03-lifecycle');
  });

  test('clicking the MTM card filters the table to month-to-month leases', async () => {
    await page.click('app-lifecycle-hex-grid [data-status=month_to_month]');
    await page.waitForURL(/status=month_to_month/);
    // Wait for the filtered page itself (the previous page stays on screen while it loads).
    await page.waitForFunction(() =>
      /of\s+1,146/.test(document.querySelector('app-pagination')?.textContent ?? ''),
    );
    const badges = page.locator('app-expiring-leases-table tbody app-lease-status-badge');
    await page.waitForFunction(() => {
      const b = [
        ...document.querySelectorAll('app-expiring-leases-table tbody app-lease-status-badge'),
      ];
      return b.length > 0 && b.every((x) => x.getAttribute('data-status') === 'month_to_month');
    });
    const statuses = await badges.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-status')),
    );
    assert.ok(statuses.length > 0 && statuses.length <= 25);
    assert.ok(
      statuses.every((s) => s === 'month_to_month'),
      `all rows MTM: ${statuses}`,
    );
    assert.match(await page.locator('app-pagination').innerText(), /of\s+1,146/);
    await shot('04-lifecycle-mtm');
  });

  test('sorting by rent orders the rows (descending first, then ascending: the one list convention)', async () => {
    // Waits for the rows themselves to be in order (the URL changes before the new page arrives).
    const sorted = (dir) =>
      page.waitForFunction((dir) => {
        if (document.querySelector('app-expiring-leases-table table.busy')) return false;
        const r = [...document.querySelectorAll('app-expiring-leases-table tbody td.money')].map(
          (e) => Number(e.textContent.replace(/[$,\s]/g, '')),
        );
        return (
          r.length > 1 &&
          r[0] !== r.at(-1) &&
          r.every((v, i) => i === 0 || (dir === 'desc' ? r[i - 1] >= v : r[i - 1] <= v))
        );
      }, dir);
    await page.click('th button[data-sort=monthly_rent_amount]');
    await page.waitForURL(/ordering=-monthly_rent_amount/);
    await sorted('desc');
    await page.click('th button[data-sort=monthly_rent_amount]');
    await page.waitForURL(/ordering=monthly_rent_amount/);
    await sorted('asc');
  });

  test('gives notice on an MTM lease (45 days) after the 30-day rule is checked', async () => {
    const row = page.locator('app-expiring-leases-table tbody tr').first();
    shared.leaseId = await row.getAttribute('data-lease-id');
    shared.unitHref = await row.locator('td.unit a').getAttribute('href');
    await row.locator('button[data-action=give-notice]').click();
    const dialog = page.locator('app-give-notice-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.locator('#gn-notice').inputValue(), daysFromToday(0));

    // Client-side validation: less than 30 days is refused before any request.
    await dialog.locator('#gn-moveout').fill(daysFromToday(10));
    await dialog.getByTestId('confirm-notice').click();
    assert.match(await dialog.getByTestId('moveout-error').innerText(), /at least 30 days/);

    await dialog.locator('#gn-moveout').fill(daysFromToday(45));
    await dialog.locator('#gn-reason').fill('Tenant relocating for work');
    await shot('05-give-notice-dialog');
    await dialog.getByTestId('confirm-notice').click();
    await dialog.waitFor({ state: 'detached' });

    // The row refreshes in place and the counts follow.
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`tr[data-lease-id="${id}"] app-lease-status-badge`)
          ?.getAttribute('data-status') === 'notice',
      shared.leaseId,
    );
    const counts = page.locator('app-lifecycle-hex-grid [data-testid=state-count]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=state-count]')[2]?.textContent?.trim() === '88',
    );
    assert.deepEqual(await counts.allInnerTexts(), ['2,841', '1,145', '88', '279']);
    await shot('06-lifecycle-after-notice');
  });

  test('Export CSV downloads every lease of the current filter', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(path, 'utf8').trim().split('\r\n');
    assert.match(lines[0], /^Property,Unit,Tenant,Lease #,State/);
    assert.equal(lines.length - 1, 1145, 'all month-to-month leases after one gave notice');
    assert.ok(lines.slice(1).every((l) => l.includes(',Month-to-Month,')));
  });

  test("the lease's unit page shows the red Notice badge and the move-out countdown", async () => {
    await page.goto(`${BASE_URL}${shared.unitHref}`);
    const badge = page.getByTestId('unit-lease-badge');
    await badge.waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=unit-lease-badge]')?.getAttribute('data-status') ===
        'notice',
    );
    assert.equal((await badge.innerText()).trim(), 'Notice');
    const [bg, fg] = await badge.evaluate((el) => [
      getComputedStyle(el).backgroundColor,
      getComputedStyle(el).color,
    ]);
    assert.equal(bg, 'rgb(254, 226, 226)');
    assert.equal(fg, 'rgb(153, 27, 27)');
    const progress = page.getByTestId('unit-lease-progress');
    assert.equal(await progress.getAttribute('data-mode'), 'notice');
    assert.match(await progress.innerText(), /Moving out in 45 days/);
    await page.getByTestId('unit-balance').waitFor();
    await shot('07-unit-detail');

    await page.click('button[data-tab=financials]');
    await page.getByTestId('ledger-table').waitFor();
    await shot('08-unit-financials');
    await page.click('button[data-tab=compliance]');
    await page.locator('app-unit-detail .card').last().waitFor();
    await shot('09-unit-compliance');
  });

  test('unit pages show the month-to-month and vacant progress modes', async () => {
    const mtm = await api(
      '/api/v1/tenants/leases/?lease_status=month_to_month&ordering=lease_end_date&page_size=1',
    );
    await page.goto(`${BASE_URL}/units/${mtm.results[0].unit}`);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=unit-lease-badge]')?.getAttribute('data-status') ===
        'month_to_month',
    );
    const progress = page.getByTestId('unit-lease-progress');
    assert.equal(await progress.getAttribute('data-mode'), 'month_to_month');
    assert.match(await progress.innerText(), /MTM since .+ · \d+ days on holdover/);
    assert.doesNotMatch(await progress.innerText(), /%/);
    await shot('13-unit-mtm');
    await page.click('button[data-tab=tenant]');
    await page.locator('app-unit-detail a[href^="mailto:"]').waitFor();
    await shot('14-unit-tenant');

    const wo = await api('/api/v1/units/work-orders/?page_size=1');
    await page.goto(`${BASE_URL}/units/${wo.results[0].unit}?tab=maintenance`);
    await page.getByTestId('work-orders-table').waitFor();
    await shot('15-unit-maintenance');

    const vacant = await api('/api/v1/tenants/leases/?lease_status=vacant&page_size=1');
    await page.goto(`${BASE_URL}/units/${vacant.results[0].unit}`);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=unit-lease-badge]')?.getAttribute('data-status') ===
        'vacant',
    );
    const stat = await page.getByTestId('unit-stat-row').innerText();
    assert.match(stat, /Vacant/);
    assert.equal(await page.locator('[data-testid=unit-stat-row] [role=progressbar]').count(), 0);
    await shot('16-unit-vacant');
  });

  test("the unit page shows its Overview without the other tabs' requests; a tab loads its data when opened", async () => {
    const mtm = await api(
      '/api/v1/tenants/leases/?lease_status=month_to_month&ordering=lease_end_date&page_size=1',
    );
    const requests = [];
    const onRequest = (req) => {
      const u = new URL(req.url());
      if (u.pathname.startsWith('/api/')) requests.push(u.pathname);
    };
    const tabData = /\/(ledger|work-orders|equipment)\/$/;
    page.on('request', onRequest);
    try {
      await page.goto(`${BASE_URL}/units/${mtm.results[0].unit}`);
      await page.locator('app-unit-overview-tab .rent-compare').waitFor();
      await page.getByTestId('unit-balance').waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok(
        requests.some((p) => /\/units\/[^/]+\/$/.test(p)),
        requests.join(' '),
      );
      assert.deepEqual(
        requests.filter((p) => tabData.test(p)),
        [],
        requests.join(' '),
      );

      // Financials asks for the ledger only when it is opened (and still not work orders or equipment).
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/ledger/')),
        page.click('button[data-tab=financials]'),
      ]);
      assert.deepEqual(
        requests.filter((p) => tabData.test(p)).map((p) => p.split('/').at(-2)),
        ['ledger'],
      );
    } finally {
      page.off('request', onRequest);
    }
  });

  test('the lease detail shows the notice in its status timeline', async () => {
    await page.goto(`${BASE_URL}/lifecycle/${shared.leaseId}`);
    await page.getByTestId('timeline').waitFor();
    const timeline = await page.getByTestId('timeline').innerText();
    assert.match(timeline, /Tenant relocating for work/);
    assert.equal(await page.getByTestId('lease-badge').getAttribute('data-status'), 'notice');
    await shot('10-lease-detail');
  });

  test('a property shows the lifecycle summary and honeycomb hexes in the four colours', async () => {
    // The property of the lease given notice, or any property with all four states.
    const lease = await api(`/api/v1/tenants/leases/${shared.leaseId}/`);
    let propertyId = lease.property;
    const stats = await api(`/api/v1/tenants/leases/lifecycle-stats/?property=${propertyId}`);
    if (!(stats.active && stats.month_to_month && stats.notice && stats.vacant)) {
      const props = await api('/api/v1/properties/?page_size=500');
      for (const p of props.results) {
        const s = await api(`/api/v1/tenants/leases/lifecycle-stats/?property=${p.id}`);
        if (s.active && s.month_to_month && s.notice && s.vacant) {
          propertyId = p.id;
          break;
        }
      }
    }
    await page.goto(`${BASE_URL}/properties`);
    await page.getByTestId('property-row').first().waitFor();
    await shot('11-properties');

    await page.goto(`${BASE_URL}/properties/${propertyId}`);
    await page.locator('app-honeycomb-grid .hex').first().waitFor();
    await page.getByTestId('expiring-30').waitFor();
    const colours = await page
      .locator('app-honeycomb-grid a.hex')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-status'), getComputedStyle(e).backgroundColor]),
      );
    assert.ok(colours.length > 50, `many hexes (${colours.length})`);
    const seen = new Set(colours.map(([, c]) => c));
    for (const [status, rgb] of Object.entries(HEX_RGB)) {
      assert.ok(seen.has(rgb), `a ${status} hex in ${rgb}; saw ${[...seen]}`);
    }
    for (const [status, rgb] of colours) assert.equal(rgb, HEX_RGB[status]);

    // Hover a notice hex: the tooltip has the badge and the red move-out line.
    await page.locator('app-honeycomb-grid a.hex[data-status=notice]').first().hover();
    const tip = page.getByTestId('hex-tooltip');
    await tip.waitFor();
    assert.match(await tip.innerText(), /Moving out/);
    await shot('12-property-honeycomb');
  });

  test('Signed-in devices: another device is listed and signed out from here; this one stays signed in', async () => {
    // a second device (a script) signs in with the same account
    const other = await page.evaluate(
      async ([email, password]) => {
        const res = await fetch('/api/v1/auth/token/', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        return (await res.json()).token;
      },
      [EMAIL, PASSWORD],
    );
    await page.getByTestId('user-menu').click();
    await page.waitForURL(/\/account\/devices$/);
    const rows = page.locator('[data-testid=devices] tbody tr');
    await rows.nth(1).waitFor();
    assert.ok((await rows.count()) >= 2);
    assert.equal(await page.locator('tr[data-current=true]').count(), 1);
    await shot('13-devices');
    const status = (token) =>
      page.evaluate(
        async (t) =>
          (await fetch('/api/v1/auth/me/', { headers: { Authorization: `Token ${t}` } })).status,
        token,
      );
    assert.equal(await status(other), 200);
    const before = await rows.count();
    await page
      .locator('tr[data-current=false]')
      .first()
      .getByRole('button', { name: 'Sign out' })
      .click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=devices] tbody tr').length === n - 1,
      before,
    );
    // the newest other device was the script's: it is signed out, this browser is not
    assert.equal(await status(other), 401);
    assert.equal(
      await status(await page.evaluate(() => localStorage.getItem('unitcycle.token'))),
      200,
    );
  });

  test('Logout returns to the login page and revokes this device', async () => {
    await page.goto(`${BASE_URL}/dashboard`);
    const token = await page.evaluate(() => localStorage.getItem('unitcycle.token'));
    await page.getByRole('button', { name: /logout/i }).click();
    await page.waitForURL(/\/login/);
    assert.equal(await page.evaluate(() => localStorage.getItem('unitcycle.token')), null);
    // the revoke is sent as the page returns to the login screen (it doesn't wait for the answer): poll briefly
    const status = await page.evaluate(async (t) => {
      let last = 0;
      for (let i = 0; i < 25; i++) {
        last = (await fetch('/api/v1/auth/me/', { headers: { Authorization: `Token ${t}` } }))
          .status;
        if (last === 401) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return last;
    }, token);
    assert.equal(status, 401);
  });
});
