// Turnover in the browser (issue 17, "Done when"): giving notice on a demo lease (through the API) opens a case
// with its move-out inspection work order and eight checklist items; the board shows the card in Notice; dragging
// it onto Inspect moves it (Angular CDK) and the stage persists after a reload; the case page shows the timeline,
// checklist and deposit; desktop and 390 px screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };

function isoIn(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Drags the card (from its middle lines, not its link or button) onto the column, level with the card. */
async function drag(page, from, to) {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  const y = a.y + a.height / 2;
  await page.mouse.move(a.x + a.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, y + 5, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, y, { steps: 20 });
  await page.mouse.move(b.x + b.width / 2, y + 5, { steps: 5 });
  await page.mouse.up();
}

describe('Turnover', { concurrency: false }, () => {
  let s;
  const shared = {};

  before(async () => {
    s = await signedIn();
    const { page } = s;
    const leases = await api(page, '/api/v1/tenants/leases/?lease_status=active&page_size=50');
    shared.lease = leases.results.find((l) => !l.actual_move_out_date) ?? leases.results[0];
    assert.ok(shared.lease, 'an active lease in the demo');
  });

  after(async () => {
    await s?.browser.close();
  });

  test('giving notice opens a case with an inspection work order and eight checklist items', async () => {
    const { page } = s;
    const lease = shared.lease;
    await api(page, `/api/v1/tenants/leases/${lease.id}/give-notice/`, {
      method: 'POST',
      body: { notice_move_out_date: isoIn(40) },
    });
    const unitId = typeof lease.unit === 'object' ? lease.unit.id : lease.unit;
    const list = await api(page, `/api/v1/turnover/?unit=${unitId}&open=true`);
    assert.equal(list.count, 1, 'one open case for the unit');
    const c = await api(page, `/api/v1/turnover/${list.results[0].id}/`);
    assert.equal(c.stage, 'notice');
    assert.ok(c.inspection_work_order_number, 'the inspection work order');
    assert.equal(c.checklist.length, 8);
    shared.case = c;
  });

  test('the board shows the card; dragging it onto Inspect persists after a reload', async () => {
    const { page } = s;
    const c = shared.case;
    await page.goto(`${BASE_URL}/turnover?property=${c.property}`);
    const card = page.locator(`[data-testid=column-notice] [data-case="${c.id}"]`);
    await card.waitFor();
    assert.match(await card.innerText(), /Moves out/);
    assert.match(await page.locator('[data-testid=turnover-header]').innerText(), /active/);
    await shot(page, 'turnover-01-board');

    await drag(page, card, page.locator('[data-testid=column-inspect]'));
    await page
      .locator(`[data-testid=column-inspect] [data-case="${c.id}"]`)
      .waitFor({ timeout: 15000 });
    await page.reload();
    await page.locator(`[data-testid=column-inspect] [data-case="${c.id}"]`).waitFor();
    const saved = await api(page, `/api/v1/turnover/${c.id}/`);
    assert.equal(saved.stage, 'inspect');
    assert.ok(saved.inspection_date);
    await shot(page, 'turnover-02-dragged');
  });

  test('a skipped stage is refused with the next stage named', async () => {
    const { page } = s;
    const c = shared.case;
    const card = page.locator(`[data-testid=column-inspect] [data-case="${c.id}"]`);
    await card.waitFor();
    await drag(page, card, page.locator('[data-testid=column-listed]'));
    const error = page.locator('[data-testid=turnover-move-error]');
    await error.waitFor();
    assert.match(await error.innerText(), /next stage is Make Ready/);
  });

  test('the case page: timeline, checklist, deposit and deadline', async () => {
    const { page } = s;
    const c = shared.case;
    await page.goto(`${BASE_URL}/turnover/${c.id}`);
    await page.locator('[data-testid=checklist-item]').first().waitFor();
    assert.equal(await page.locator('[data-testid=checklist-item]').count(), 8);
    assert.match(await page.locator('[data-testid=case-stage]').innerText(), /Pre-Inspection/);
    assert.match(
      await page.locator('[data-testid=deadline]').innerText(),
      /Letter due|No statutory/,
    );
    await shot(page, 'turnover-03-case');
  });

  test('the unit page and the dashboard show the turnover', async () => {
    const { page } = s;
    const c = shared.case;
    await page.goto(`${BASE_URL}/units/${c.unit}`);
    const card = page.locator('[data-testid=unit-turnover-card]');
    await card.waitFor();
    assert.match(await card.innerText(), /Pre-Inspection/);
    await shot(page, 'turnover-08-unit', { fullPage: false });
    await page.goto(`${BASE_URL}/dashboard`);
    const widget = page.locator('[data-card=turnover]');
    await widget.waitFor();
    await page.waitForFunction(() =>
      /active/.test(document.querySelector('[data-card=turnover]')?.textContent ?? ''),
    );
    assert.match(await widget.innerText(), /\d+ active/);
    assert.match(await widget.innerText(), /delayed/);
    await shot(page, 'turnover-09-dashboard', { fullPage: false });
  });

  test('the deposit: a depreciated deduction, the balance owed, the letter with its deadline, sent once', async () => {
    const { page } = s;
    const cases = await api(page, '/api/v1/turnover/?stage=inspect&page_size=50');
    const c = cases.results.find((x) => x.actual_move_out && !x.letter_sent_at);
    assert.ok(c, 'a moved-out case at Inspect in the demo');
    const deposit = Number(c.security_deposit);
    await api(page, `/api/v1/turnover/${c.id}/deductions/`, {
      method: 'POST',
      body: {
        category: 'carpet',
        description: 'Carpet replaced after pet damage',
        amount: '2000.00',
        life_item: 'carpet',
        item_age_years: '8',
        approved: true,
      },
    });
    const extra = (deposit + 100).toFixed(2); // leaves a $500.00 balance: 400 + (deposit + 100) - deposit
    await api(page, `/api/v1/turnover/${c.id}/deductions/`, {
      method: 'POST',
      body: {
        category: 'wall_damage',
        description: 'Holes patched in the bedroom',
        amount: extra,
        approved: true,
      },
    });
    await page.goto(`${BASE_URL}/turnover/${c.id}`);
    await page.locator('[data-testid=balance-owed]').waitFor();
    assert.equal(await page.locator('[data-testid=balance-owed]').innerText(), '$500.00');
    assert.match(
      await page.locator('[data-testid=deductions]').innerText(),
      /8 years old of a 10-year life/,
    );
    await page.click('[data-testid=generate-letter]');
    const letter = page.locator('[data-testid=letter-text]');
    await letter.waitFor();
    const text = await letter.innerText();
    assert.match(text, /Carpet replaced after pet damage: \$400\.00/);
    assert.match(text, /Balance you owe: \$500\.00/);
    const detail = await api(page, `/api/v1/turnover/${c.id}/`);
    if (detail.deadline.date) assert.ok(text.includes(detail.deadline.citation));
    await shot(page, 'turnover-06-letter');
    await page.click('[data-testid=send-letter]');
    await page.locator('[data-testid=deadline]', { hasText: 'Letter sent' }).waitFor();
    const sent = await api(page, `/api/v1/turnover/${c.id}/`);
    assert.ok(sent.balance_charge, 'the balance charged on the ledger');
    await shot(page, 'turnover-07-sent');
  });

  test('on a phone the columns scroll inside the board, not the page', async () => {
    const phone = await signedIn({ viewport: PHONE });
    try {
      const { page } = phone;
      await page.goto(`${BASE_URL}/turnover?property=${shared.case.property}`);
      await page.locator('[data-testid=turnover-card]').first().waitFor();
      const width = await page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      assert.ok(width <= PHONE.width + 1, `page is ${width}px wide`);
      await shot(page, 'turnover-04-phone', { fullPage: false });
      await page.goto(`${BASE_URL}/turnover/${shared.case.id}`);
      await page.locator('[data-testid=checklist-item]').first().waitFor();
      await shot(page, 'turnover-05-phone-case');
    } finally {
      await phone.browser.close();
    }
  });
});
