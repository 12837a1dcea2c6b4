// Predictive maintenance in the browser (issue 19, 2.3): the sidebar opens /predictive-maintenance with the
// level cards (the API's counts) and the suggestions queue; the heatmap shows every unit of a property,
// top floor first, with the factors on hover, and a click opens the unit's Maintenance tab; approving a
// suggestion in the queue creates a real work order that the unit's Maintenance tab lists; approving
// from the unit's AI Risk Assessment card adds the order to the list below it at once; dismissing asks
// why; read-only sees no decision button; desktop and 390 px screenshots without sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, demoLogin, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };

async function pageWidth(page) {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

describe('Predictive maintenance', { concurrency: false }, () => {
  let s;
  const refused = [];

  before(async () => {
    s = await signedIn();
    s.page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) refused.push(`${r.status()} ${r.url()}`);
    });
  });

  after(async () => {
    await s?.browser.close();
  });

  test('the sidebar opens Predictive: level cards with the scored counts and the queue', async () => {
    const { page } = s;
    await page.locator('nav a.nav-item', { hasText: 'Predictive' }).click();
    await page.waitForURL(/\/predictive-maintenance$/);
    const summary = await api(page, '/api/v1/predictive-maintenance/risk-scores/summary/');
    assert.ok(summary.total > 0, 'the demo seed scored the units');
    for (const level of ['critical', 'high', 'medium', 'low']) {
      const card = page.locator(`[data-testid=level-cards] [data-level=${level}] .count`);
      await page.waitForFunction(
        ([l, n]) =>
          document
            .querySelector(`[data-testid=level-cards] [data-level=${l}] .count`)
            ?.textContent?.replace(/[^0-9]/g, '') === String(n),
        [level, summary.counts[level]],
      );
      assert.equal(Number((await card.innerText()).replace(/[^0-9]/g, '')), summary.counts[level]);
    }
    await page.getByTestId('suggestion').first().waitFor();
    const first = page.getByTestId('suggestion').first();
    assert.match(await first.innerText(), /Why:.*work order/s);
    await shot(page, 'predictive-01-queue');
  });

  test('the heatmap shows every unit of a property by building and floor, factors on hover', async () => {
    const { page } = s;
    await page.locator('nav.tabs a[data-tab=heatmap]').click();
    await page.waitForURL(/\/predictive-maintenance\/risk-heatmap/);
    await page.getByTestId('heat-cell').first().waitFor();
    const heat = await api(page, '/api/v1/predictive-maintenance/risk-heatmap/');
    const shown = await page.locator('[data-testid=risk-heatmap] h2').innerText();
    const prop = heat.properties.find((p) => shown.includes(p.name));
    assert.ok(prop, `the heading names a property: ${shown}`);
    const units = prop.buildings.flatMap((b) => b.floors.flatMap((f) => f.units));
    assert.equal(await page.getByTestId('heat-cell').count(), units.length);
    const cell = page.getByTestId('heat-cell').first();
    const title = await cell.getAttribute('title');
    assert.match(title, /Work-order frequency: .* of 30/);
    const level = await cell.getAttribute('data-level');
    assert.ok(['low', 'medium', 'high', 'critical'].includes(level));
    await shot(page, 'predictive-02-heatmap');
    const unitId = await cell.getAttribute('data-unit');
    await cell.click();
    await page.waitForURL(new RegExp(`/units/${unitId}\\?tab=maintenance`));
    await page.getByTestId('unit-risk-card').locator('[data-testid=risk-score]').waitFor();
    assert.equal(refused.length, 0, refused.join(', '));
  });

  test('approving a suggestion creates a real work order on the unit’s Maintenance tab', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/predictive-maintenance`);
    const card = page.getByTestId('suggestion').first();
    await card.waitFor();
    const id = await card.getAttribute('data-id');
    const suggestion = await api(page, `/api/v1/predictive-maintenance/suggestions/${id}/`);
    await card.getByTestId('approve-suggestion').click();
    await card.getByTestId('suggestion-done').waitFor();
    const done = await api(page, `/api/v1/predictive-maintenance/suggestions/${id}/`);
    assert.equal(done.status, 'work_order_created');
    assert.match(
      await card.getByTestId('suggestion-done').innerText(),
      new RegExp(done.work_order_number),
    );

    await page.goto(`${BASE_URL}/units/${suggestion.unit}?tab=maintenance`);
    const row = page.locator(`[data-testid=unit-work-orders] tr[data-wo-id="${done.work_order}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(done.work_order_number));
    assert.ok((await row.innerText()).includes(suggestion.title));
    await shot(page, 'predictive-03-unit-after-approve');
  });

  test('the unit’s AI Risk Assessment card approves in place: the order joins the list below', async () => {
    const { page } = s;
    const pending = await api(page, '/api/v1/predictive-maintenance/suggestions/?page_size=5');
    const target = pending.results[0];
    assert.ok(target, 'another pending suggestion');
    await page.goto(`${BASE_URL}/units/${target.unit}?tab=maintenance`);
    const riskCard = page.getByTestId('unit-risk-card');
    await riskCard.locator('[data-testid=risk-score]').waitFor();
    assert.equal(await riskCard.locator('.factor').count(), 5);
    assert.match(await riskCard.innerText(), /Likely next issue/);
    const before = await page.locator('[data-testid=unit-work-orders] tr[data-wo-id]').count();
    await shot(page, 'predictive-04-unit-card');
    await riskCard.getByTestId('approve-suggestion').click();
    await riskCard.getByTestId('suggestion-done').waitFor();
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('[data-testid=unit-work-orders] tr[data-wo-id]').length === n + 1,
      before,
    );
    const done = await api(page, `/api/v1/predictive-maintenance/suggestions/${target.id}/`);
    await page
      .locator(`[data-testid=unit-work-orders] tr[data-wo-id="${done.work_order}"]`)
      .waitFor();
  });

  test('dismissing asks why and keeps it', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/predictive-maintenance`);
    const card = page.getByTestId('suggestion').first();
    await card.waitFor();
    const id = await card.getAttribute('data-id');
    await card.getByTestId('dismiss-suggestion').click();
    await card.getByTestId('dismiss-reason').fill('Serviced by the owner last week');
    await card.locator('form button[type=submit]').click();
    await card.locator('.done').waitFor();
    const done = await api(page, `/api/v1/predictive-maintenance/suggestions/${id}/`);
    assert.equal(done.status, 'dismissed');
    assert.equal(done.dismiss_reason, 'Serviced by the owner last week');
  });

  test('the risk list filters by level from the level cards', async () => {
    const { page } = s;
    await page.locator('[data-testid=level-cards] [data-level=high]').click();
    await page.waitForURL(/risk-scores\?level=high/);
    await page.locator('[data-testid=risk-table] tr.row').first().waitFor();
    const levels = await page
      .locator('[data-testid=risk-table] tr.row')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-level')))]);
    assert.deepEqual(levels, ['high']);
    await shot(page, 'predictive-05-risk-list');
  });

  test('phone: the page, heatmap and unit card fit 390 px', async () => {
    const { page } = s;
    await page.setViewportSize(PHONE);
    await page.goto(`${BASE_URL}/predictive-maintenance`);
    await page.getByTestId('suggestion').first().waitFor();
    assert.ok((await pageWidth(page)) <= PHONE.width + 1, 'queue fits');
    await shot(page, 'predictive-06-phone-queue');
    await page.goto(`${BASE_URL}/predictive-maintenance/risk-heatmap`);
    await page.getByTestId('heat-cell').first().waitFor();
    assert.ok((await pageWidth(page)) <= PHONE.width + 1, 'heatmap fits');
    await shot(page, 'predictive-07-phone-heatmap');
    const unitId = await page.getByTestId('heat-cell').first().getAttribute('data-unit');
    await page.goto(`${BASE_URL}/units/${unitId}?tab=maintenance`);
    await page.getByTestId('unit-risk-card').locator('[data-testid=risk-score]').waitFor();
    assert.ok((await pageWidth(page)) <= PHONE.width + 1, 'unit card fits');
    await shot(page, 'predictive-08-phone-unit-card');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});

describe('Predictive maintenance: read-only', { concurrency: false }, () => {
  test('sees the queue and the card without decision buttons', async () => {
    const { browser, page } = await signedIn({ email: demoLogin('readonly') });
    try {
      await page.goto(`${BASE_URL}/predictive-maintenance`);
      await page.getByTestId('suggestion').first().waitFor();
      assert.equal(await page.getByTestId('approve-suggestion').count(), 0);
      assert.equal(await page.getByTestId('dismiss-suggestion').count(), 0);
    } finally {
      await browser.close();
    }
  });
});
