// Work orders in the browser (issue 16 §1): a manager opens "New work order" from a unit's Maintenance tab,
// creates the order (the lease in occupancy is linked), assigns a vendor, starts and completes it with its
// cost and technician notes, attaches a photo, and finds it on the unit's tab; a move made stale behind the
// screen shows the API's sentence; a read-only user sees no action; desktop and 390 px screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, demoLogin, money, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const STAMP = Date.now().toString(36).toUpperCase();
const TITLE = `E2E kitchen sink leak ${STAMP}`;

/** The page's own width: wider than the viewport means the whole page scrolls sideways. */
async function pageWidth(page) {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

/** An API call that may fail: `{ status, body }` instead of throwing. */
async function call(page, path, method, body) {
  return page.evaluate(
    async ([p, m, b]) => {
      const res = await fetch(p, {
        method: m,
        headers: {
          Authorization: `Token ${localStorage.getItem('unitcycle.token')}`,
          'Content-Type': 'application/json',
        },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    [path, method, body],
  );
}

describe('Work orders', { concurrency: false }, () => {
  let s;
  const shared = {};

  before(async () => {
    s = await signedIn();
    const { page } = s;
    // A unit with a tenant in occupancy today (an active lease), and an active plumbing vendor.
    const leases = await api(page, '/api/v1/tenants/leases/?lease_status=active&page_size=20');
    shared.lease = leases.results.find((l) => !l.actual_move_out_date) ?? leases.results[0];
    assert.ok(shared.lease, 'an active lease in the demo');
    let vendors = await api(page, '/api/v1/invoices/vendors/?is_active=true&trade=plumbing');
    if (!vendors.results.length)
      vendors = await api(page, '/api/v1/invoices/vendors/?is_active=true');
    shared.vendor = vendors.results[0];
    assert.ok(shared.vendor, 'an active vendor in the demo');
  });

  after(async () => {
    await s?.browser.close();
  });

  test('the sidebar opens Maintenance → Work orders: chips with counts, SLA age, sort and filters in the URL', async () => {
    const { page } = s;
    await page.locator('nav a.nav-item', { hasText: 'Work orders' }).click();
    await page.waitForURL(/\/maintenance$/);
    await page.locator('[data-testid=work-orders-table] tr.row').first().waitFor();

    const summary = await api(page, '/api/v1/units/work-orders/summary/');
    const all = page.locator('[data-testid=status-chips] [data-status=all] .count');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=status-chips] [data-status=all] .count') !== null,
    );
    assert.equal(money(await all.innerText()), summary.total);
    const overdue = page.locator('[data-testid=status-chips] [data-status=overdue] .count');
    assert.equal(money(await overdue.innerText()), summary.sla_breached);

    // The overdue chip: every row carries the red badge.
    await page.click('[data-testid=status-chips] [data-status=overdue]');
    await page.waitForURL(/overdue=1/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=work-orders-table] tr.row')];
      return (
        rows.length > 0 &&
        !document.querySelector('[data-testid=work-orders-table].busy') &&
        rows.every((r) => r.querySelector('[data-testid=sla-overdue]'))
      );
    });
    await page.click('[data-testid=status-chips] [data-status=overdue]');
    await page.waitForURL((u) => !u.search.includes('overdue'));

    await page.click('[data-testid=status-chips] [data-status=completed]');
    await page.waitForURL(/status=completed/);
    await page.getByTestId('category-filter').selectOption('plumbing');
    await page.waitForURL(/category=plumbing/);
    await page.click('th button[data-sort=actual_cost]');
    await page.waitForURL(/ordering=-actual_cost/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=work-orders-table] tr.row')];
      const costs = [...document.querySelectorAll('[data-testid=work-orders-table] td.cost')].map(
        (e) => Number(e.textContent.replace(/[^0-9.]/g, '')),
      );
      return (
        rows.length > 0 &&
        !document.querySelector('[data-testid=work-orders-table].busy') &&
        rows.every((r) => r.getAttribute('data-status') === 'completed') &&
        // the sorted page has arrived (the URL changes before it does)
        costs.every((c, i) => i === 0 || costs[i - 1] >= c)
      );
    });
    const costs = await page
      .locator('[data-testid=work-orders-table] td.cost')
      .evaluateAll((els) => els.map((e) => Number(e.textContent.replace(/[^0-9.]/g, ''))));
    assert.deepEqual(
      costs,
      [...costs].sort((a, b) => b - a),
    );
    await shot(page, 'maintenance-01-list');

    // CSV export of the same filters.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-work-orders').click(),
    ]);
    assert.match(download.suggestedFilename(), /^work-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  test('"New work order" on the unit tab opens the form for that unit; the lease in occupancy is shown and linked', async () => {
    const { page } = s;
    const l = shared.lease;
    await page.goto(`${BASE_URL}/units/${l.unit}?tab=maintenance`);
    await page.getByTestId('unit-new-work-order').click();
    await page.waitForURL(new RegExp(`/maintenance/new\\?unit=${l.unit}`));
    await page.waitForFunction(
      (unit) => document.querySelector('[data-testid=wo-unit]')?.value === unit,
      l.unit,
    );
    assert.equal(await page.getByTestId('wo-property').inputValue(), l.property);
    const preview = page.getByTestId('lease-linked');
    await preview.waitFor();
    assert.match(await preview.innerText(), new RegExp(l.lease_number));

    // Nothing is sent without a title.
    await page.getByTestId('wo-submit').click();
    assert.match(await page.getByTestId('error-title').innerText(), /what needs doing/);

    await page.getByTestId('wo-title').fill(TITLE);
    await page.getByTestId('wo-category').selectOption('plumbing');
    await page.getByTestId('wo-priority').selectOption('high');
    await page
      .getByTestId('wo-description')
      .fill('Water under the cabinet; tenant home after 5 pm.');
    await page.getByTestId('wo-estimate').fill('180');
    await page.getByTestId('wo-reported').fill('Tenant (phone)');
    await shot(page, 'maintenance-02-new');
    await page.getByTestId('wo-submit').click();
    await page.waitForURL(/\/maintenance\/[0-9a-f-]{36}$/);
    shared.id = page.url().split('/').pop();

    await page.getByTestId('wo-title').waitFor();
    assert.equal(await page.getByTestId('wo-title').innerText(), TITLE);
    assert.equal(await page.getByTestId('wo-status').getAttribute('data-status'), 'open');
    assert.match(await page.getByTestId('wo-tenant').innerText(), new RegExp(l.tenant_name));
    assert.equal((await page.getByTestId('wo-lease-link').innerText()).trim(), l.lease_number);
    const wo = await api(page, `/api/v1/units/work-orders/${shared.id}/`);
    assert.equal(wo.lease, l.id);
    assert.equal(wo.tenant, l.tenant);
    assert.equal(wo.estimated_cost, '180.00');

    // Edit mode: a visit before the request is the API's to refuse, next to its field; then a valid one.
    await page.click('[data-testid=wo-actions] [data-action=edit]');
    await page.getByTestId('work-order-edit').waitFor();
    await page.getByTestId('we-scheduled').fill('2020-01-01');
    await page.getByTestId('we-save').click();
    await page.getByTestId('we-error-scheduled_date').waitFor();
    const visit = wo.requested_date;
    await page.getByTestId('we-scheduled').fill(visit);
    await page.getByTestId('we-estimate').fill('195');
    await page.getByTestId('we-save').click();
    await page.getByTestId('work-order-edit').waitFor({ state: 'detached' });
    assert.equal(money(await page.getByTestId('wo-estimated').innerText()), 195);
    const edited = await api(page, `/api/v1/units/work-orders/${shared.id}/`);
    assert.equal(edited.scheduled_date, visit);
    assert.equal(edited.estimated_cost, '195.00');
  });

  test('assigns a vendor, starts and completes the work with its cost and technician notes', async () => {
    const { page } = s;
    const actions = () =>
      page
        .locator('[data-testid=wo-actions] button')
        .evaluateAll((b) => b.map((x) => x.getAttribute('data-action')));
    assert.deepEqual(await actions(), ['assigned', 'in_progress', 'cancelled', 'edit']);

    // Assign: the vendor is required.
    await page.click('[data-testid=wo-actions] [data-action=assigned]');
    const dialog = page.getByTestId('transition-dialog');
    await dialog.waitFor();
    await page.getByTestId('td-confirm').click();
    assert.match(await page.getByTestId('td-error-vendor').innerText(), /Choose a vendor/);
    await page.getByTestId('td-vendor').selectOption(shared.vendor.id);
    await shot(page, 'maintenance-03-assign', { fullPage: false });
    await page.getByTestId('td-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForSelector('[data-testid=wo-status][data-status=assigned]');
    assert.equal(await page.getByTestId('wo-vendor-name').innerText(), shared.vendor.name);

    await page.click('[data-testid=wo-actions] [data-action=in_progress]');
    await dialog.waitFor();
    await page.getByTestId('td-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForSelector('[data-testid=wo-status][data-status=in_progress]');

    // Complete: the cost is required (0 would do), then the notes go on the work order.
    await page.click('[data-testid=wo-actions] [data-action=completed]');
    await dialog.waitFor();
    await page.getByTestId('td-confirm').click();
    assert.match(await page.getByTestId('td-error-cost').innerText(), /what the work cost/);
    await page.getByTestId('td-cost').fill('245.10');
    await page
      .getByTestId('td-tech')
      .fill('Replaced the P-trap and supply line; tenant had stored bleach under the sink.');
    await shot(page, 'maintenance-04-complete', { fullPage: false });
    await page.getByTestId('td-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForSelector('[data-testid=wo-status][data-status=completed]');
    assert.equal(money(await page.getByTestId('wo-actual').innerText()), 245.1);
    assert.equal(money(await page.getByTestId('wo-estimated').innerText()), 195);
    assert.match(await page.getByTestId('wo-tech-notes').innerText(), /Replaced the P-trap/);
    assert.match(await page.getByTestId('wo-variance').innerText(), /\+\$50\.10/);
    assert.deepEqual(await actions(), ['closed', 'in_progress', 'edit']);

    // The timeline, newest first.
    const moves = await page
      .locator('[data-testid=wo-timeline] li[data-kind=status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
    assert.deepEqual(moves.slice(0, 3), ['completed', 'in_progress', 'assigned']);
  });

  test('attaches a photo: uploaded, linked, shown as a thumbnail through its signed link', async () => {
    const { page } = s;
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 240, height: 160 } });
    await page.getByTestId('upload-input').setInputFiles({
      name: 'under-sink.png',
      mimeType: 'image/png',
      buffer: png,
    });
    const file = page.locator('[data-testid=wo-file][data-file-kind=photo]');
    await file.waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=wo-file] img')].some(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    assert.match(await file.innerText(), /under-sink\.png/);
    assert.ok(
      await page.locator('[data-testid=wo-timeline] li[data-kind=file]').count(),
      'the upload is on the timeline',
    );
    await shot(page, 'maintenance-05-detail');
  });

  test("the unit's Maintenance tab lists the work order with its status, cost and vendor", async () => {
    const { page } = s;
    await page.click('[data-testid=wo-unit-link]');
    await page.waitForURL(new RegExp(`/units/${shared.lease.unit}\\?tab=maintenance`));
    const row = page.locator(`[data-testid=work-orders-table] tr[data-wo-id="${shared.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'completed');
    const text = await row.innerText();
    assert.match(text, new RegExp(TITLE));
    assert.match(text, /\$245\.10/);
    assert.match(text, new RegExp(shared.vendor.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await shot(page, 'maintenance-06-unit-tab');
    await row.locator('a.link-cell').click();
    await page.waitForURL(new RegExp(`/maintenance/${shared.id}$`));
  });

  test("a move made stale behind the screen shows the API's sentence and the buttons follow", async () => {
    const { page } = s;
    const created = await api(page, '/api/v1/units/work-orders/', {
      method: 'POST',
      body: { unit: shared.lease.unit, title: `E2E stale move ${STAMP}`, category: 'general' },
    });
    await page.goto(`${BASE_URL}/maintenance/${created.id}`);
    await page.waitForSelector('[data-testid=wo-actions] [data-action=in_progress]');
    // Someone else cancels it meanwhile.
    await api(page, `/api/v1/units/work-orders/${created.id}/transition/`, {
      method: 'POST',
      body: { status: 'cancelled', note: 'Duplicate' },
    });
    const refused = await call(
      page,
      `/api/v1/units/work-orders/${created.id}/transition/`,
      'POST',
      {
        status: 'in_progress',
      },
    );
    assert.equal(refused.status, 400);

    await page.click('[data-testid=wo-actions] [data-action=in_progress]');
    await page.getByTestId('td-confirm').click();
    const error = page.getByTestId('action-error');
    await error.waitFor();
    assert.equal((await error.innerText()).trim(), refused.body.detail);
    await shot(page, 'maintenance-07-refused', { fullPage: false });
    await page.keyboard.press('Escape');
    // The page reloaded the work order: cancelled, nothing left to do.
    await page.waitForSelector('[data-testid=wo-status][data-status=cancelled]');
    assert.equal(await page.locator('[data-testid=wo-actions] button').count(), 0);
  });

  describe('a read-only user', { concurrency: false }, () => {
    let r;
    before(async () => {
      r = await signedIn({ email: demoLogin('readonly') });
    });
    after(async () => {
      await r?.browser.close();
    });

    test('sees the work order, its photo and timeline, and no action at all', async () => {
      const { page } = r;
      await page.goto(`${BASE_URL}/maintenance/${shared.id}`);
      await page.getByTestId('wo-title').waitFor();
      assert.equal(await page.getByTestId('wo-actions').count(), 0);
      assert.equal(await page.getByTestId('upload-zone').count(), 0);
      assert.equal(await page.getByTestId('wo-file-remove').count(), 0);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=wo-file] img')].some(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      );
      await page.goto(`${BASE_URL}/maintenance`);
      await page.locator('[data-testid=work-orders-table] tr.row').first().waitFor();
      assert.equal(await page.getByTestId('new-work-order').count(), 0);
      await page.goto(`${BASE_URL}/units/${shared.lease.unit}?tab=maintenance`);
      await page.locator('[data-testid=work-orders-table]').waitFor();
      assert.equal(await page.getByTestId('unit-new-work-order').count(), 0);
      await page.goto(`${BASE_URL}/maintenance/new`);
      await page
        .getByText(/can't open this page|No access/i)
        .first()
        .waitFor();
      assert.equal(await page.getByTestId('work-order-form').count(), 0);
    });
  });

  describe('on a phone (390×844)', { concurrency: false }, () => {
    let p;
    before(async () => {
      p = await signedIn({ viewport: PHONE });
    });
    after(async () => {
      await p?.browser.close();
    });

    test('the list is cards and the detail and form fit the phone', async () => {
      const { page } = p;
      await page.goto(`${BASE_URL}/maintenance`);
      const row = page.locator('[data-testid=work-orders-table] tr.row').first();
      await row.waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('[data-testid=work-orders-table] thead').isVisible(), false);
      assert.equal(await row.evaluate((el) => getComputedStyle(el).display), 'grid');
      assert.ok((await pageWidth(page)) <= PHONE.width, `list is ${await pageWidth(page)} px`);
      await shot(page, 'maintenance-phone-list');

      await page.goto(`${BASE_URL}/maintenance/${shared.id}`);
      await page.getByTestId('wo-title').waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await pageWidth(page)) <= PHONE.width, `detail is ${await pageWidth(page)} px`);
      await shot(page, 'maintenance-phone-detail');

      await page.goto(`${BASE_URL}/maintenance/new?unit=${shared.lease.unit}`);
      await page.getByTestId('lease-linked').waitFor();
      assert.ok((await pageWidth(page)) <= PHONE.width, `form is ${await pageWidth(page)} px`);
      await shot(page, 'maintenance-phone-new');
    });
  });
});
