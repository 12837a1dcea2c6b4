// The top bar's search: "/" focuses it, part of a tenant's name finds them, Enter opens their unit; a unit
// number finds the unit; on a phone the search icon opens the box.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

let browser;
let page;

describe('Global search', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
  });

  after(async () => {
    await browser?.close();
  });

  test('part of a name finds the tenant and Enter opens their unit', async () => {
    const leases = await api(page, '/api/v1/tenants/leases/?page_size=1&lease_status=active');
    const lease = leases.results[0];
    const tenant = await api(page, `/api/v1/tenants/${lease.tenant}/`);
    const q = `${tenant.first_name.slice(0, 3)} ${tenant.last_name.slice(0, 4)}`;
    await page.keyboard.press('/');
    const box = page.getByTestId('global-search');
    assert.equal(
      await box.evaluate((el) => el === document.activeElement),
      true,
      '"/" focused the search',
    );
    await box.fill(q);
    const hit = page
      .getByTestId('search-result')
      .filter({ hasText: `${tenant.first_name} ${tenant.last_name}` })
      .first();
    await hit.waitFor();
    await shot(page, '42-global-search', { fullPage: false });
    await hit.hover();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/units\/[0-9a-f-]+$/);
  });

  test('a unit number finds the unit', async () => {
    const units = await api(page, '/api/v1/units/?page_size=1');
    const unit = units.results[0];
    await page.getByTestId('global-search').fill(unit.unit_number);
    const hit = page
      .locator('[data-testid="search-result"][data-kind="unit"]')
      .filter({ hasText: `Unit ${unit.unit_number}` })
      .first();
    await hit.waitFor();
    await hit.click();
    await page.waitForURL(/\/units\/[0-9a-f-]+$/);
  });

  test('on a phone the search icon opens the box', async () => {
    const phone = await signedIn({ viewport: { width: 390, height: 844 } });
    try {
      await phone.page.getByTestId('search-open').click();
      const box = phone.page.getByTestId('global-search');
      await box.fill('a-1');
      await phone.page.getByTestId('search-result').first().waitFor();
      const rect = await box.boundingBox();
      assert.ok(rect && rect.x >= 0 && rect.x + rect.width <= 390, JSON.stringify(rect));
      await shot(phone.page, '43-global-search-phone', { fullPage: false });
    } finally {
      await phone.browser.close();
    }
  });

  test('the search box is there for every role that can see the portfolio', async () => {
    await page.goto(`${BASE_URL}/dashboard`);
    await page.getByTestId('global-search').waitFor();
  });
});
