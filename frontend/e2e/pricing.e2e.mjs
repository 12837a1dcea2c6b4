// Dynamic pricing in the browser (issue 18, spec 2.2): a manager opens Leasing → Dynamic Pricing, runs the
// engine, sees the annual opportunity and the below / at / above cards agree with the API, filters to vacant
// units, opens one: the chart, today's price explained (comps with similarity, adjustments) and "Apply
// recommended rent", which persists as the unit's asking rent; the unit page's Market Intelligence card; a
// read-only user sees no apply button; desktop and 390 px screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, demoLogin, money, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };

async function pageWidth(page) {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

describe('Dynamic pricing', { concurrency: false }, () => {
  let s;
  const shared = {};

  before(async () => {
    s = await signedIn();
  });

  after(async () => {
    await s?.browser.close();
  });

  test('the sidebar opens Dynamic Pricing; Run engine prices every unit and the totals agree with the API', async () => {
    const { page } = s;
    await page.locator('nav a.nav-item', { hasText: 'Dynamic Pricing' }).click();
    await page.waitForURL(/\/pricing$/);
    await page.locator('[data-testid=revenue-opportunity]').waitFor();

    await page.click('[data-testid=run-engine]');
    const summary = page.locator('[data-testid=engine-summary]');
    await summary.waitFor({ timeout: 120_000 });
    const units = await api(page, '/api/v1/units/?page_size=1');
    assert.match(
      await summary.innerText(),
      new RegExp(`Priced ${units.count.toLocaleString('en-US')} units`),
    );
    await page.locator('[data-testid=pricing-table] tbody.row').first().waitFor();

    const opp = await api(page, '/api/v1/pricing/revenue-opportunity/');
    assert.ok(opp.total_units_analyzed > 0);
    await page.waitForFunction(
      (want) =>
        document
          .querySelector('[data-testid=annual-opportunity]')
          ?.textContent?.replace(/[^0-9]/g, '') === want,
      String(Math.round(opp.annual_revenue_opportunity)),
    );
    const counts = await page.locator('[data-testid=position-count]').allInnerTexts();
    assert.deepEqual(counts.map(money), [
      opp.units_below_market,
      opp.units_at_market,
      opp.units_above_market,
    ]);
    assert.match(await page.locator('[data-testid=model-accuracy]').innerText(), /±[0-9.]+ %/);
    // every row explains its price
    const first = await page.locator('[data-testid=price-summary]').first().innerText();
    assert.match(first, /comps averaging \$|fallback:/);
    await shot(page, 'pricing-01-dashboard');
  });

  test('filtering to vacant units keeps the filter in the URL; a vacant unit opens its pricing page', async () => {
    const { page } = s;
    await page.getByTestId('vacancy-filter').selectOption('vacant');
    await page.waitForURL(/vacancy=vacant/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=pricing-table] tbody.row')];
      return rows.length > 0 && rows.every((r) => r.querySelector('[data-testid=vacant-chip]'));
    });
    // a vacant unit priced from comps whose recommendation is not its asking rent yet
    const vacant = await api(page, '/api/v1/pricing/snapshots/?is_vacant=true&page_size=200');
    const pick = vacant.results.find(
      (r) => r.comp_count >= 3 && Number(r.recommended_rent) !== Number(r.asking_rent),
    );
    assert.ok(pick, 'a vacant unit with comps and a new recommendation');
    shared.pick = pick;
    await page.goto(`${page.url().split('/pricing')[0]}/pricing/${pick.unit_id}`);
    await page.locator('[data-testid=explanation-summary]').waitFor();
  });

  test("the unit's pricing page shows the chart, the comps with similarity and the adjustments", async () => {
    const { page } = s;
    const { pick } = shared;
    const detail = await api(page, `/api/v1/pricing/units/${pick.unit_id}/history/`);
    const latest = detail.latest;
    assert.equal(
      await page.locator('[data-testid=explanation-summary]').innerText(),
      latest.explanation.summary,
    );
    assert.match(latest.explanation.summary, new RegExp(`^${latest.comp_count} comps averaging`));
    const rows = page.locator('[data-testid=comp-row]');
    assert.equal(await rows.count(), latest.comps.length);
    assert.ok(latest.comps.length >= 3);
    assert.match(await rows.first().innerText(), /Unit .+\d+ %/s);
    for (const a of latest.explanation.adjustments)
      assert.ok(
        (await page.locator(`[data-adjustment=${a.kind}]`).innerText()).includes(a.label),
        a.label,
      );
    assert.equal(await page.locator('[data-testid=price-chart] path').count(), 3);
    await shot(page, 'pricing-02-unit');
  });

  test('Apply recommended rent sets the asking rent, and it persists', async () => {
    const { page } = s;
    const { pick } = shared;
    const button = page.locator('[data-testid=apply-recommended]');
    assert.match(await button.innerText(), /Apply recommended rent/);
    await button.click();
    await page.locator('[data-testid=applied-note]').waitFor();
    await page.reload();
    await page.locator('[data-testid=applied-note]').waitFor();
    assert.equal(
      money(await page.locator('[data-testid=asking-rent]').innerText()),
      Number(pick.recommended_rent),
    );
    const unit = await api(page, `/api/v1/units/${pick.unit_id}/`);
    assert.equal(Number(unit.market_rent), Number(pick.recommended_rent)); // a vacant unit's asking rent
    assert.equal(await page.locator('[data-testid=apply-recommended]').count(), 0);
    await shot(page, 'pricing-03-applied', { fullPage: false });
  });

  test("the unit page's Overview shows the Market Intelligence card", async () => {
    const { page } = s;
    const { pick } = shared;
    await page.goto(`${page.url().split('/pricing')[0]}/units/${pick.unit_id}`);
    const card = page.locator('[data-testid=market-intelligence]');
    await card.waitFor();
    await page.locator('[data-testid=mi-market]').waitFor();
    assert.equal(
      money(await page.locator('[data-testid=mi-market]').innerText()),
      Math.round(Number(pick.market_rent)),
    );
    assert.match(await page.locator('[data-testid=mi-summary]').innerText(), /comps averaging/);
    await shot(page, 'pricing-04-unit-card', { fullPage: false });
  });

  test('a read-only user sees prices but no apply button', async () => {
    const ro = await signedIn({ email: demoLogin('readonly') });
    try {
      const { page } = ro;
      await page.goto(`${page.url().split('/dashboard')[0]}/pricing/${shared.pick.unit_id}`);
      await page.locator('[data-testid=explanation-summary]').waitFor();
      assert.equal(await page.locator('[data-testid=apply-recommended]').count(), 0);
      assert.equal(await page.locator('[data-testid=run-engine]').count(), 0);
    } finally {
      await ro.browser.close();
    }
  });

  test('phone width: the dashboard and the unit page fit 390 px', async () => {
    const phone = await signedIn({ viewport: PHONE });
    try {
      const { page } = phone;
      const root = page.url().split('/dashboard')[0];
      await page.goto(`${root}/pricing`);
      await page.locator('[data-testid=pricing-table] tbody.row').first().waitFor();
      assert.ok((await pageWidth(page)) <= PHONE.width + 1, 'no sideways scroll on /pricing');
      await shot(page, 'pricing-05-phone');
      await page.goto(`${root}/pricing/${shared.pick.unit_id}`);
      await page.locator('[data-testid=explanation-summary]').waitFor();
      assert.ok((await pageWidth(page)) <= PHONE.width + 1, 'no sideways scroll on the unit page');
      await shot(page, 'pricing-06-phone-unit');
    } finally {
      await phone.browser.close();
    }
  });
});
