// Portfolio command center (spec 1.4) in the browser: Portfolio → Command Center, the AI agent's badges,
// filter to month-to-month, the virtual-scrolled list, select 3 units, send renewal offers through the
// bulk-action modal (preview → email → results), select all, export. Runs after collections and before
// renewals (it sends three renewal offers but changes no lifecycle state).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, fmtMoney, money, shot, signedIn } from './support.mjs';

let browser;
let page;
const shared = {};

const rows = () => page.locator('[data-testid=cc-row]');

describe('Portfolio command center', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
  });

  after(async () => {
    await browser?.close();
  });

  test(
    'Portfolio → Command Center lists every unit; "Refresh AI actions" adds the AI badges',
    { timeout: 120_000 },
    async () => {
      await page.locator('nav a.nav-item', { hasText: 'Command Center' }).click();
      await page.waitForURL(/\/portfolio\/command-center$/);
      await rows().first().waitFor();
      const all = await api(page, '/api/v1/portfolio/command-center/?page_size=1');
      assert.equal(
        await page.getByTestId('showing-count').innerText(),
        all.count.toLocaleString('en-US'),
      );
      for (const s of ['active', 'month_to_month', 'notice', 'vacant']) {
        assert.equal(
          await page.getByTestId(`state-count-${s}`).innerText(),
          all.summary[s].toLocaleString('en-US'),
        );
      }

      await page.getByTestId('run-agent').click();
      await page
        .locator('app-ai-action-badge[data-action-type]')
        .first()
        .waitFor({ timeout: 100_000 });
      const stats = await api(page, '/api/v1/portfolio/ai-queue/stats/');
      // Move-out inspections are not proposed here for the demo's notice leases: the turnover cases opened them.
      assert.ok(
        stats.by_action_type.renewal_offer > 0 && stats.by_action_type.rent_increase_notice > 0,
        JSON.stringify(stats),
      );
      const conf = await page
        .locator('app-ai-action-badge[data-action-type] [data-testid=ai-confidence]')
        .first()
        .innerText();
      assert.match(conf, /^\d{2}%$/);
      await shot(page, '25-command-center', { fullPage: false });
    },
  );

  test('filtering to MTM keeps the state in the URL and virtual-scrolls the whole list', async () => {
    await page.getByTestId('state-month_to_month').click();
    await page.waitForURL(/state=month_to_month/);
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('[data-testid=cc-row]')];
      return r.length > 0 && r.every((x) => x.getAttribute('data-state') === 'month_to_month');
    });
    const mtm = await api(
      page,
      '/api/v1/portfolio/command-center/?lifecycle_state=month_to_month&page_size=3',
    );
    shared.mtm = mtm;
    assert.equal(
      await page.getByTestId('showing-count').innerText(),
      mtm.count.toLocaleString('en-US'),
    );
    // Only the rows in view are in the DOM.
    const rendered = await rows().count();
    assert.ok(
      rendered > 5 && rendered < 120 && rendered < mtm.count,
      `rendered ${rendered} of ${mtm.count}`,
    );
    // Longest holdovers first (days to event ascending), as the API orders them.
    assert.equal(await rows().nth(0).getAttribute('data-unit-id'), mtm.results[0].id);
    assert.match(await rows().nth(0).getByTestId('days').innerText(), /^\d+d over$/);

    // Scrolling to the end loads the last page.
    await page.getByTestId('cc-viewport').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[data-testid=cc-row]')].some(
          (r) => r.getAttribute('aria-rowindex') === String(n + 1),
        ),
      mtm.count,
    );
    await page.getByTestId('cc-viewport').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid=cc-row]')?.getAttribute('data-unit-id') === id,
      mtm.results[0].id,
    );
  });

  test('selecting 3 units keeps a running total of their rent', async () => {
    // By unit id, one at a time, waiting for the count: the virtual list may re-render rows meanwhile.
    const countIs = (n) =>
      page.waitForFunction(
        (t) => document.querySelector('[data-testid=selected-count]')?.textContent?.trim() === t,
        `Selected: ${n} unit${n === 1 ? '' : 's'}`,
      );
    for (const [i, unit] of shared.mtm.results.slice(0, 3).entries()) {
      await page
        .locator(`[data-testid=cc-row][data-unit-id="${unit.id}"]`)
        .getByTestId('row-checkbox')
        .check();
      await countIs(i + 1);
    }
    const expected = shared.mtm.results.reduce((sum, r) => sum + Number(r.rent), 0);
    assert.equal(
      money(await page.getByTestId('selected-rent').innerText()),
      Math.round(expected * 100) / 100,
    );
    assert.equal(await page.getByTestId('selected-rent').innerText(), fmtMoney(expected));
  });

  test(
    'Bulk Actions → Send renewal offers: per-unit preview, email, Send Now, results',
    { timeout: 120_000 },
    async () => {
      await page.getByTestId('bulk-actions').click();
      await page.getByTestId('bulk-menu').locator('[data-action=renewal_offer]').click();
      const modal = page.getByTestId('bulk-modal');
      await modal.getByTestId('preview-card').first().waitFor({ timeout: 60_000 });
      assert.equal(await modal.getByTestId('preview-card').count(), 3);
      assert.equal(await modal.getByTestId('preview-count').innerText(), '(3 of 3 shown)');
      const ids = shared.mtm.results.map((r) => r.id);
      for (const [i, card] of (await modal.getByTestId('preview-card').all()).entries()) {
        assert.equal(await card.getAttribute('data-unit-id'), ids[i]);
        assert.match(
          await card.getByTestId('preview-summary').innerText(),
          /^Renewal at \$[\d,]+\.\d\d\/mo \(market: \$[\d,]+\.\d\d\/mo\)\. Term: 12 months\.$/,
        );
        assert.match(await card.getByTestId('preview-letter').innerText(), /Dear /);
      }
      await modal.getByTestId('method-email').locator('input').check();
      await shot(page, '26-command-center-bulk-preview', { fullPage: false });

      await modal.getByTestId('send-now').click();
      await modal.getByTestId('bulk-results').waitFor({ timeout: 100_000 });
      assert.equal(await modal.getByTestId('count-done').innerText(), '3 done');
      assert.equal(await modal.getByTestId('count-failed').innerText(), '0 failed');
      const results = modal.getByTestId('result-row');
      assert.equal(await results.count(), 3);
      for (const r of await results.all())
        assert.match(await r.innerText(), /Offer sent by email at \$[\d,]+\.\d\d\/month\./);
      await shot(page, '27-command-center-bulk-results', { fullPage: false });

      // Exactly these three leases got a sent renewal recommendation and an email.
      const leaseIds = shared.mtm.results.map((r) => r.lease_id);
      for (const leaseId of leaseIds) {
        const recs = await api(page, `/api/v1/renewals/?lease=${leaseId}&status=sent`);
        assert.equal(recs.count, 1, `lease ${leaseId}`);
      }
      const sent = await api(page, '/api/v1/renewals/?status=sent&page_size=50');
      assert.deepEqual(new Set(sent.results.map((r) => r.lease)), new Set(leaseIds));
      const outbox = await api(page, '/api/v1/messages/outbox/?feature=renewals&page_size=50');
      assert.equal(outbox.count, 3);
      assert.ok(outbox.results.every((m) => m.channel === 'email'));

      await modal.getByTestId('bulk-close').click();
      await modal.waitFor({ state: 'detached' });
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=selected-count]')?.textContent?.trim() ===
          'Selected: 0 units',
      );
    },
  );

  test(
    'after the offers went out, the queue agent agrees: the rows show "Offer sent" and no rent-increase notice',
    { timeout: 150_000 },
    async () => {
      const units = shared.mtm.results.map((r) => r.id);
      await page.getByTestId('run-agent').click();
      await page
        .waitForFunction(
          () => document.querySelector('[data-testid=run-agent]')?.disabled === true,
          null,
          { timeout: 10_000 },
        )
        .catch(() => {});
      await page.waitForFunction(
        () => document.querySelector('[data-testid=run-agent]')?.disabled === false,
        null,
        { timeout: 120_000 },
      );
      for (const id of units) {
        const row = page.locator(`[data-testid=cc-row][data-unit-id="${id}"]`);
        await row.getByTestId('open-item').first().waitFor();
        assert.equal(await row.getByTestId('open-item').first().innerText(), 'Offer sent');
        assert.notEqual(
          await row.locator('app-ai-action-badge').getAttribute('data-action-type'),
          'rent_increase_notice',
        );
        const queue = await api(page, `/api/v1/portfolio/ai-queue/?unit=${id}`);
        const types = queue.results.map((q) => q.action_type);
        assert.ok(
          !types.includes('rent_increase_notice') && !types.includes('renewal_offer'),
          `${id}: ${types}`,
        );
        const cc = await api(
          page,
          `/api/v1/portfolio/command-center/?search=${encodeURIComponent(shared.mtm.results.find((r) => r.id === id).unit_number)}&page_size=50`,
        );
        const mine = cc.results.find((r) => r.id === id);
        assert.ok(
          mine.open_items.some((i) => i.kind === 'renewal_offer' && i.status === 'sent'),
          JSON.stringify(mine.open_items),
        );
      }
      await shot(page, '28-command-center-offers-in-progress', { fullPage: false });
    },
  );

  test(
    'a unit unticked in the bulk preview is left out of the run',
    { timeout: 120_000 },
    async () => {
      const five = await api(
        page,
        '/api/v1/portfolio/command-center/?lifecycle_state=month_to_month&page_size=5',
      );
      const [keep, drop] = [five.results[3], five.results[4]];
      for (const unit of [keep, drop]) {
        await page
          .locator(`[data-testid=cc-row][data-unit-id="${unit.id}"]`)
          .getByTestId('row-checkbox')
          .check();
      }
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=selected-count]')?.textContent?.trim() ===
          'Selected: 2 units',
      );
      await page.getByTestId('bulk-actions').click();
      await page.getByTestId('bulk-menu').locator('[data-action=renewal_offer]').click();
      const modal = page.getByTestId('bulk-modal');
      await modal.getByTestId('preview-card').first().waitFor({ timeout: 60_000 });
      await modal
        .locator(`[data-testid=preview-card][data-unit-id="${drop.id}"]`)
        .getByTestId('include-unit')
        .uncheck();
      assert.equal(
        await modal.getByTestId('excluded-count').innerText(),
        '1 excluded: 1 will be sent',
      );
      await modal.getByTestId('method-email').locator('input').check();
      await modal.getByTestId('send-now').click();
      await modal.getByTestId('bulk-results').waitFor({ timeout: 100_000 });
      assert.equal(await modal.getByTestId('count-done').innerText(), '1 done');
      assert.equal(
        (await api(page, `/api/v1/renewals/?lease=${keep.lease_id}&status=sent`)).count,
        1,
      );
      assert.equal(
        (await api(page, `/api/v1/renewals/?lease=${drop.lease_id}&status=sent`)).count,
        0,
      );
      await modal.getByTestId('bulk-close').click();
      await modal.waitFor({ state: 'detached' });
    },
  );

  test('"Select all (N)" selects every MTM unit with their total rent; Export CSV downloads the filter', async () => {
    await page.getByTestId('select-all').click();
    const all = await api(
      page,
      '/api/v1/portfolio/command-center/select-all/?lifecycle_state=month_to_month',
    );
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=selected-count]')?.textContent?.includes(n),
      all.count.toLocaleString('en-US'),
    );
    assert.equal(
      await page.getByTestId('selected-rent').innerText(),
      fmtMoney(Number(all.total_rent)),
    );
    assert.equal(await page.getByTestId('select-all-checkbox').isChecked(), true);
    await page.getByTestId('clear-selection').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=selected-count]')?.textContent?.trim() ===
        'Selected: 0 units',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    assert.match(download.suggestedFilename(), /^command-center-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
