// Vendors and the equipment register (issue 16 §2) in the browser: a manager finds a vendor whose insurance
// is about to lapse, adds a vendor, sees its compliance badge and edits it; the register shows warranty
// badges, and a manager adds a boiler; a read-only user and an accountant see no buttons they can't use;
// the screens fit a 390 px phone. Adds one vendor and one equipment record (names unique per run).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, demoLogin, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const VENDOR = `E2E Summit HVAC ${RUN}`;
const BOILER = `E2E boiler ${RUN}`;

function isoIn(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

async function pageWidth(page) {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

describe('Vendors and equipment', { concurrency: false }, () => {
  let browser;
  let page;
  const refused = [];

  before(async () => {
    ({ browser, page } = await signedIn());
    page.on('response', (res) => {
      if (res.status() >= 500 && res.url().includes('/api/')) refused.push(res.url());
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('Maintenance → Vendors lists the vendors with their paperwork badges', async () => {
    await page.locator('nav a.nav-item', { hasText: 'Vendors' }).click();
    await page.waitForURL(/\/vendors$/);
    await page.getByTestId('vendors-table').locator('tr.vendor').first().waitFor();
    const badges = await page.getByTestId('compliance-badge').allInnerTexts();
    assert.ok(
      badges.some((b) => /Insurance expires (in \d+ days|today|tomorrow)/.test(b)),
      `an expiring insurance among ${badges.join(' | ')}`,
    );
    assert.ok(
      badges.some((b) => b.trim() === 'Insurance expired'),
      badges.join(' | '),
    );
    await shot(page, 'vendors-list');

    // paperwork filter: only vendors with a document lapsing within 30 days, in the URL
    await page.getByTestId('compliance-filter').selectOption('expiring');
    await page.waitForURL(/compliance=expiring/);
    // the URL changes before the filtered page arrives: wait until every row has an expiring document
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=vendors-table] tr.vendor')];
      return (
        rows.length > 0 &&
        rows.every((r) => r.querySelector('[data-testid=compliance-badge][data-state=expiring]'))
      );
    });
    const rows = page.getByTestId('vendors-table').locator('tr.vendor');
    const n = await rows.count();
    assert.ok(n > 0 && n < 25, `${n} expiring vendors`);
    for (let i = 0; i < n; i++)
      assert.ok(
        (await rows.nth(i).locator('[data-testid=compliance-badge][data-state=expiring]').count()) >
          0,
        `row ${i} has an expiring document`,
      );
  });

  test('a manager adds a vendor (checked before sending) and sees its compliance badge', async () => {
    await page.goto(`${BASE_URL}/vendors`);
    await page.getByTestId('new-vendor').click();
    await page.waitForURL(/\/vendors\/new$/);
    await page.fill('#v-name', VENDOR);
    await page.selectOption('#v-trade', 'hvac');
    await page.fill('#v-contact', 'Dana Reyes');
    await page.fill('#v-email', 'dispatch@summit-hvac.example');
    await page.fill('#v-phone', '555');
    await page.fill('#v-rate', '1200');
    await page.getByTestId('save-vendor').click();
    assert.match(await page.getByTestId('error-phone').innerText(), /7 to 15 digits/);
    assert.match(await page.getByTestId('error-hourly_rate').innerText(), /1,000/);
    await page.fill('#v-phone', '(206) 555-0199');
    await page.fill('#v-rate', '118.50');
    await page.fill('#v-insurance-exp', isoIn(12));
    await page.fill('#v-license-exp', isoIn(400));
    await shot(page, 'vendors-new-form');
    await page.getByTestId('save-vendor').click();
    await page.waitForURL(/\/vendors\/[0-9a-f-]{36}$/);
    assert.equal((await page.getByTestId('vendor-title').innerText()).trim(), VENDOR);
    assert.equal(
      (await page.getByTestId('insurance-badge').innerText()).trim(),
      'Insurance expires in 12 days',
    );
    assert.deepEqual(
      (
        await page
          .getByTestId('vendor-compliance')
          .locator('[data-testid=compliance-badge]')
          .allInnerTexts()
      ).map((t) => t.trim()),
      ['Insurance expires in 12 days'],
    );
    assert.equal(await page.getByTestId('stat-open').innerText(), '0');
    await shot(page, 'vendors-detail-new');
  });

  test('a duplicate name (any case) is refused by the API, in words', async () => {
    await page.goto(`${BASE_URL}/vendors/new`);
    await page.fill('#v-name', VENDOR.toUpperCase());
    await page.getByTestId('save-vendor').click();
    await page.getByTestId('form-error').waitFor();
    assert.match(await page.getByTestId('form-error').innerText(), /already exists/);
  });

  test('the manager edits the vendor: renewed insurance makes it compliant', async () => {
    const found = await api(page, `/api/v1/invoices/vendors/?search=${encodeURIComponent(VENDOR)}`);
    const id = found.results[0].id;
    await page.goto(`${BASE_URL}/vendors/${id}`);
    await page.getByTestId('edit-vendor').click();
    await page.waitForURL(/\/edit$/);
    await page.locator('#v-name').waitFor();
    assert.equal(await page.inputValue('#v-rate'), '118.50');
    await page.fill('#v-insurance-exp', isoIn(200));
    await page.fill('#v-rate', '125');
    await page.getByTestId('save-vendor').click();
    await page.waitForURL(new RegExp(`/vendors/${id}$`));
    await page.getByTestId('vendor-title').waitFor();
    const badges = await page
      .getByTestId('vendor-compliance')
      .locator('[data-testid=compliance-badge]')
      .allInnerTexts();
    assert.deepEqual(
      badges.map((t) => t.trim()),
      ['Compliant'],
    );
    assert.match(await page.locator('.subtitle').first().innerText(), /\$125\.00/);
    assert.equal(await page.getByTestId('insurance-badge').count(), 0);
  });

  test("a demo vendor's detail lists its work orders and invoices", async () => {
    const vendors = await api(page, '/api/v1/invoices/vendors/?ordering=-open_work_orders');
    const v = vendors.results[0];
    await page.goto(`${BASE_URL}/vendors/${v.id}`);
    const work = page.getByTestId('vendor-work-orders');
    await work.locator('tbody tr').first().waitFor();
    const invoices = page.getByTestId('vendor-invoices');
    await invoices.locator('tbody tr').first().waitFor();
    assert.ok((await work.locator('tbody tr').count()) <= 10);
    assert.equal(await page.getByTestId('stat-open').innerText(), String(v.open_work_orders));
    await shot(page, 'vendors-detail-demo');
  });

  test('Maintenance → Equipment shows the register with warranty badges', async () => {
    await page.locator('nav a.nav-item', { hasText: 'Equipment' }).click();
    await page.waitForURL(/\/equipment$/);
    await page.getByTestId('equipment-row').first().waitFor();
    const states = await page
      .locator('[data-testid=warranty-badge]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.ok(states.length > 0 && states.every(Boolean), states.join());
    assert.ok((await page.locator('app-lifespan-bar').count()) > 0, 'age vs lifespan bars');
    await shot(page, 'equipment-register');

    await page.getByTestId('warranty-filter').selectOption('expiring');
    await page.waitForURL(/warranty=expiring/);
    // the URL changes before the filtered page arrives: wait until every row shown is an expiring one
    await page.waitForFunction(() => {
      const badges = [...document.querySelectorAll('[data-testid=warranty-badge]')];
      return badges.length > 0 && badges.every((e) => e.getAttribute('data-state') === 'expiring');
    });
    const filtered = await page
      .locator('[data-testid=warranty-badge]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.ok(filtered.length > 0, 'the demo has warranties ending within 60 days');
    assert.ok(
      filtered.every((s) => s === 'expiring'),
      filtered.join(),
    );
    const text = await page.locator('[data-testid=warranty-badge]').first().innerText();
    assert.match(text, /Warranty ends (in \d+ days|today|tomorrow)/);
  });

  test('a manager adds a building boiler; it shows with its warranty badge', async () => {
    await page.goto(`${BASE_URL}/equipment`);
    await page.getByTestId('new-equipment').click();
    const dialog = page.getByTestId('equipment-form');
    await dialog.waitFor();
    await page.getByTestId('save-equipment').click();
    await dialog.getByText('Choose the property.').waitFor();
    const props = await api(page, '/api/v1/properties/?ordering=name&page_size=1');
    await page.selectOption('#eq-property', props.results[0].id);
    await page.locator('#eq-building option').nth(1).waitFor({ state: 'attached' });
    const building = await page.locator('#eq-building option').nth(1).getAttribute('value');
    await page.selectOption('#eq-building', building);
    await page.selectOption('#eq-type', 'boiler');
    await page.fill('#eq-name', BOILER);
    await page.fill('#eq-maker', 'Weil-McLain');
    await page.fill('#eq-install', '2015-05-01');
    await page.fill('#eq-life', '25');
    await page.fill('#eq-wexp', '2015-01-01');
    await page.getByTestId('save-equipment').click();
    assert.match(
      await page.getByTestId('error-warranty_expiration').innerText(),
      /after the install date/,
    );
    await page.fill('#eq-wexp', isoIn(30));
    await page.fill('#eq-cost', '18500');
    await shot(page, 'equipment-new-dialog', { fullPage: false });
    await page.getByTestId('save-equipment').click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('equipment-search').fill(BOILER);
    await page.waitForURL(/q=/);
    const row = page.getByTestId('equipment-row').filter({ hasText: BOILER });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`Building ${building}`));
    const badge = row.locator('[data-testid=warranty-badge]');
    assert.equal(await badge.getAttribute('data-state'), 'expiring');
    assert.equal((await badge.innerText()).trim(), 'Warranty ends in 30 days');
    await shot(page, 'equipment-added');

    // edit it: no warranty any more
    await row.getByTestId('edit-equipment').click();
    await dialog.waitFor();
    assert.equal(await page.inputValue('#eq-name'), BOILER);
    await page.fill('#eq-wexp', '');
    await page.getByTestId('save-equipment').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[data-testid=equipment-row]')].some(
          (r) =>
            r.textContent.includes(name) &&
            r.querySelector('[data-testid=warranty-badge]')?.getAttribute('data-state') === 'none',
        ),
      BOILER,
    );
  });

  test('/predictive-maintenance/equipment opens the register (the Equipment tab of 2.3)', async () => {
    await page.goto(`${BASE_URL}/predictive-maintenance/equipment`);
    await page.getByTestId('equipment-row').first().waitFor();
    assert.deepEqual(refused, [], 'no API answer was a 5xx');
  });
});

describe('Vendors and equipment: who sees which buttons', { concurrency: false }, () => {
  test('read-only sees the lists and a vendor, and no button to change them', async () => {
    const { browser, page } = await signedIn({ email: demoLogin('readonly') });
    try {
      await page.goto(`${BASE_URL}/vendors`);
      await page.getByTestId('vendors-table').locator('tr.vendor').first().waitFor();
      assert.equal(await page.getByTestId('new-vendor').count(), 0);
      assert.equal(await page.getByTestId('export-csv').isVisible(), true);
      await page.getByTestId('vendor-name').first().click();
      await page.getByTestId('vendor-title').waitFor();
      await page.getByTestId('vendor-work-orders').waitFor();
      await page.getByTestId('vendor-invoices').waitFor();
      assert.equal(await page.getByTestId('vendor-actions').count(), 0);
      assert.equal(await page.getByTestId('edit-vendor').count(), 0);

      await page.goto(`${BASE_URL}/equipment`);
      await page.getByTestId('equipment-row').first().waitFor();
      assert.equal(await page.getByTestId('new-equipment').count(), 0);
      assert.equal(await page.getByTestId('edit-equipment').count(), 0);
      await shot(page, 'equipment-readonly');
    } finally {
      await browser.close();
    }
  });

  test('an accountant reads vendors and their invoices, but no work orders and no register', async () => {
    const { browser, page } = await signedIn({ email: demoLogin('accounting') });
    const forbidden = [];
    page.on('response', (res) => {
      if (res.status() === 403 && res.url().includes('/api/')) forbidden.push(res.url());
    });
    try {
      const nav = await page.locator('nav a.nav-item').allInnerTexts();
      assert.ok(nav.includes('Vendors') && !nav.includes('Equipment'), nav.join());
      await page.goto(`${BASE_URL}/vendors`);
      await page.getByTestId('vendor-name').first().click();
      await page.getByTestId('vendor-invoices').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('vendor-work-orders').count(), 0);
      assert.equal(await page.getByTestId('vendor-actions').count(), 0);
      await page.goto(`${BASE_URL}/equipment`);
      await page.getByTestId('no-access').waitFor();
      assert.deepEqual(forbidden, [], 'no request the role may not make');
    } finally {
      await browser.close();
    }
  });
});

describe('Vendors and equipment on a phone (390 px)', { concurrency: false }, () => {
  test('the lists, a vendor and the form fit the phone', async () => {
    const { browser, page } = await signedIn({ viewport: PHONE });
    try {
      await page.goto(`${BASE_URL}/vendors`);
      await page.getByTestId('vendors-table').locator('tr.vendor').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await pageWidth(page)) <= PHONE.width, `vendors ${await pageWidth(page)} px`);
      await shot(page, 'phone-vendors');

      const vendors = await api(page, '/api/v1/invoices/vendors/?ordering=-open_work_orders');
      await page.goto(`${BASE_URL}/vendors/${vendors.results[0].id}`);
      await page.getByTestId('vendor-work-orders').locator('tbody tr').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await pageWidth(page)) <= PHONE.width, `vendor ${await pageWidth(page)} px`);
      await shot(page, 'phone-vendor-detail');

      await page.goto(`${BASE_URL}/vendors/new`);
      await page.locator('#v-name').waitFor();
      assert.ok((await pageWidth(page)) <= PHONE.width, `form ${await pageWidth(page)} px`);
      await shot(page, 'phone-vendor-form');

      await page.goto(`${BASE_URL}/equipment`);
      await page.getByTestId('equipment-row').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await pageWidth(page)) <= PHONE.width, `equipment ${await pageWidth(page)} px`);
      await shot(page, 'phone-equipment');
      await page.getByTestId('new-equipment').click();
      await page.getByTestId('equipment-form').waitFor();
      assert.ok((await pageWidth(page)) <= PHONE.width, `dialog ${await pageWidth(page)} px`);
      await shot(page, 'phone-equipment-dialog', { fullPage: false });
    } finally {
      await browser.close();
    }
  });
});
