// Owner vs tenant responsibility in the browser (issue 21, "Done when"): the demo's completed work orders carry
// determinations with reasoning; a coordinator opens one the engine put on the tenant, confirms the charge on the
// Financial Responsibility panel, bills it, sees it in the tenant's ledger (the unit's Financials tab), records
// the tenant's dispute and resolves it with a reason; /responsibility's success metrics change accordingly.
// Desktop and 390 px screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launch } from './browser.mjs';
import { BASE_URL, api, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };

async function metrics(page) {
  return api(page, '/api/v1/responsibility/metrics/');
}

describe('Responsibility', { concurrency: false }, () => {
  let s;
  const shared = {};

  before(async () => {
    s = await signedIn();
    const { page } = s;
    shared.before = await metrics(page);
    // a tenant determination awaiting a decision, on a lease still in occupancy (so the unit page shows its ledger)
    const queue = await api(
      page,
      '/api/v1/responsibility/queue/?responsibility=tenant&page_size=100',
    );
    for (const q of queue.results) {
      if (!(Number(q.tenant_charge_amount) > 0)) continue;
      const wo = await api(page, `/api/v1/units/work-orders/${q.id}/`);
      if (!wo.lease) continue;
      const lease = await api(page, `/api/v1/tenants/leases/${wo.lease}/`);
      if (['active', 'month_to_month'].includes(lease.lease_status)) {
        shared.wo = wo;
        shared.item = q;
        break;
      }
    }
    assert.ok(shared.wo, 'a tenant determination awaiting a decision in the demo');
  });

  after(async () => {
    await s?.browser.close();
  });

  test('the page shows the metrics, the queue and the charges by status', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/responsibility`);
    await page.locator('[data-testid=metric-agreement]').waitFor();
    assert.match(await page.locator('[data-testid=metric-reasoning]').innerText(), /100%/);
    await page.locator('[data-testid=resp-queue-row]').first().waitFor();
    await page.locator('[data-testid=resp-charge-row]').first().waitFor();
    assert.ok(
      shared.before.awaiting_decision > 0 && shared.before.tenant_charges > 0,
      'demo data alive',
    );
    await shot(page, 'responsibility-01-page');
  });

  test('a coordinator confirms the tenant charge and bills it; the ledger shows it', async () => {
    const { page } = s;
    const wo = shared.wo;
    await page.goto(`${BASE_URL}/maintenance/${wo.id}`);
    const panel = page.locator('[data-testid=responsibility-panel]');
    await panel.locator('[data-testid=resp-ai]').waitFor();
    assert.equal((await panel.locator('[data-testid=resp-ai]').innerText()).trim(), 'TENANT');
    assert.ok(
      (await panel.locator('[data-testid=resp-reasoning]').innerText()).length > 20,
      'reasoning',
    );
    assert.ok(
      (await panel.locator('[data-testid=resp-evidence] li').count()) > 0,
      'evidence checklist',
    );
    await shot(page, 'responsibility-02-panel');

    // an override needs a reason: change the amount, the button waits for the reason
    const amount = panel.locator('[data-testid=resp-amount]');
    const recommended = await amount.inputValue();
    await amount.fill('1.00');
    assert.ok(
      await panel.locator('[data-testid=resp-confirm]').isDisabled(),
      'override without a reason',
    );
    await amount.fill(recommended);
    await panel.locator('[data-testid=resp-confirm]').click();
    await panel
      .locator('[data-testid=resp-charge-status]')
      .filter({ hasText: 'Pending' })
      .waitFor();
    await panel.locator('[data-testid=resp-bill]').click();
    await panel.locator('[data-testid=resp-charge-status]').filter({ hasText: 'Billed' }).waitFor();
    await shot(page, 'responsibility-03-billed');

    await page.goto(`${BASE_URL}/units/${wo.unit}?tab=financials`);
    const ledger = page.locator('[data-testid=ledger-table]');
    await ledger.waitFor();
    assert.match(await ledger.innerText(), /Repair charge/);
    await shot(page, 'responsibility-04-ledger');
  });

  test('a dispute is recorded and resolved with a reason; the metrics move', async () => {
    const { page } = s;
    const wo = shared.wo;
    await page.goto(`${BASE_URL}/maintenance/${wo.id}`);
    const panel = page.locator('[data-testid=responsibility-panel]');
    await panel.locator('[data-testid=resp-dispute-open]').click();
    await panel.locator('[data-testid=resp-dispute-text]').fill('I was not home that week.');
    await panel.locator('[data-testid=resp-dispute-save]').click();
    await panel
      .locator('[data-testid=resp-charge-status]')
      .filter({ hasText: 'Disputed' })
      .waitFor();
    await panel.locator('[data-testid=resp-disputed]').waitFor();
    const during = await metrics(page);
    assert.equal(during.open_disputes, shared.before.open_disputes + 1);
    await shot(page, 'responsibility-05-disputed');

    await panel.locator('[data-testid=resp-resolve-open]').click();
    await panel.locator('[data-testid=resp-outcome]').selectOption('uphold');
    await panel
      .locator('[data-testid=resp-resolve-reason]')
      .fill('Technician photos show impact damage.');
    await panel.locator('[data-testid=resp-resolve-save]').click();
    await panel.locator('[data-testid=resp-charge-status]').filter({ hasText: 'Billed' }).waitFor();
    await panel
      .locator('[data-testid=resp-log]')
      .evaluate((el) => el.closest('details').setAttribute('open', ''));
    assert.match(await panel.locator('[data-testid=resp-log]').innerText(), /Dispute upheld/);

    const now = await metrics(page);
    assert.equal(now.decisions, shared.before.decisions + 1);
    assert.equal(now.tenant_charges, shared.before.tenant_charges + 1);
    assert.equal(now.open_disputes, shared.before.open_disputes);
    assert.notEqual(now.dispute_rate_pct, shared.before.dispute_rate_pct);
    assert.equal(now.reasoning_logged_pct, 100);
    await page.goto(`${BASE_URL}/responsibility`);
    await page.locator('[data-testid=metric-disputes]').waitFor();
    assert.match(
      await page.locator('[data-testid=metric-disputes]').innerText(),
      new RegExp(`${now.tenant_charges} tenant charges`),
    );
    await shot(page, 'responsibility-06-metrics');
  });

  test('the tenant disputes through the signed link in the charge notice (no sign-in)', async () => {
    const { page } = s;
    const panel = await api(page, `/api/v1/responsibility/work-orders/${shared.wo.id}/`);
    const charge = panel.charges[0];
    const sent = await api(
      page,
      `/api/v1/messages/outbox/?related_type=responsibility.tenantcharge&related_id=${charge.id}`,
    );
    assert.equal(sent.count, 1, 'one charge notice');
    const path = sent.results[0].body.match(/\/charge-dispute\/[^\s]+/)[0];
    const anon = await launch(); // a fresh browser: nobody signed in
    const tenantPage = await anon.context.newPage();
    try {
      await tenantPage.goto(`${BASE_URL}${path}`);
      await tenantPage.locator('[data-testid=public-charge]').waitFor();
      assert.match(
        await tenantPage.locator('[data-testid=public-charge]').innerText(),
        /Repair charge|repair|damage/i,
      );
      await tenantPage
        .locator('[data-testid=public-dispute-text]')
        .fill('My neighbour did this, not me.');
      await tenantPage.locator('[data-testid=public-dispute-send]').click();
      await tenantPage.locator('[data-testid=public-disputed]').waitFor();
      await shot(tenantPage, 'responsibility-09-tenant-link');
    } finally {
      await anon.close();
    }
    const after = await api(page, `/api/v1/responsibility/charges/${charge.id}/`);
    assert.equal(after.status, 'disputed');
    assert.equal(after.dispute_by, 'tenant');
  });

  test('phone width: the page and the panel', async () => {
    const phone = await signedIn({ viewport: PHONE });
    try {
      await phone.page.goto(`${BASE_URL}/responsibility`);
      await phone.page.locator('[data-testid=metric-agreement]').waitFor();
      await shot(phone.page, 'responsibility-07-phone-page');
      await phone.page.goto(`${BASE_URL}/maintenance/${shared.wo.id}`);
      await phone.page
        .locator('[data-testid=responsibility-panel] [data-testid=resp-ai]')
        .waitFor();
      await phone.page.locator('[data-testid=responsibility-panel]').scrollIntoViewIfNeeded();
      await shot(phone.page, 'responsibility-08-phone-panel');
    } finally {
      await phone.browser.close();
    }
  });
});
