// Messages and bulk-action history in the browser: a bulk action sends a notice, the history shows it per unit,
// the Messages screen shows where the message went in words, overall and for the one tenant.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

let browser;
let page;
const shared = {};

describe('Messages and bulk-action history', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
    // One tenant-facing bulk action: a move-out inspection notice by email to a unit on notice.
    const onNotice = await api(
      page,
      '/api/v1/portfolio/command-center/?lifecycle_state=notice&page_size=1',
    );
    assert.ok(onNotice.results.length, 'the demo has a unit on notice');
    const unit = onNotice.results[0];
    shared.unit = unit;
    shared.batch = await api(page, '/api/v1/portfolio/bulk-actions/', {
      method: 'POST',
      body: { action_type: 'move_out_inspection', unit_ids: [unit.id], method: 'email' },
    });
  });

  after(async () => {
    await browser?.close();
  });

  test('the bulk-action history lists the run and what happened to each unit', async () => {
    await page.goto(`${BASE_URL}/portfolio/bulk-actions`);
    const row = page.getByTestId('batch-row').first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Schedule move-out inspections/);
    assert.match(text, /1 done · 0 skipped · 0 failed/);
    assert.match(text, /demo@unitcycle\.local/);
    assert.doesNotMatch(text, /user:/, 'no raw actor codes');
    await row.click();
    const results = page.getByTestId('batch-results');
    await results.waitFor();
    assert.match(await results.innerText(), new RegExp(shared.unit.unit_number));
    await shot(page, '40-bulk-history');

    await page.selectOption('[data-testid=status-filter]', 'cancelled');
    await page.waitForURL(/status=cancelled/);
    await page.getByText('No bulk actions match these filters').waitFor();
  });

  test('Messages shows where each message went, in words', async () => {
    await page.goto(`${BASE_URL}/messages`);
    await page.getByTestId('sent-row').first().waitFor();
    assert.match(
      await page.getByTestId('providerless-note').innerText(),
      /No SMS or email provider is configured/,
    );
    const words = await page.getByTestId('delivery-words').first().innerText();
    assert.match(words, /^(Queued — no (SMS|email) provider configured|Sent|Delivered|Failed)/);

    await page.selectOption('[data-testid=channel-filter]', 'email');
    await page.waitForURL(/channel=email/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=sent-row] .channel')].every(
        (el) => el.textContent.trim() === 'Email',
      ),
    );
    // The filter survives a reload (it lives in the URL).
    await page.reload();
    await page.getByTestId('sent-row').first().waitFor();
    assert.equal(await page.locator('[data-testid=channel-filter]').inputValue(), 'email');
    await shot(page, '41-messages');
  });

  test("one tenant's messages", async () => {
    const lease = await api(
      page,
      `/api/v1/tenants/leases/?unit=${shared.unit.id}&ordering=-lease_begin_date&page_size=1`,
    );
    const tenant = await api(page, `/api/v1/tenants/${lease.results[0].tenant}/`);
    await page.goto(`${BASE_URL}/messages?tenant=${tenant.id}`);
    await page.getByTestId('sent-row').first().waitFor();
    assert.equal(
      await page.getByTestId('tenant-name').innerText(),
      `${tenant.first_name} ${tenant.last_name}`,
    );
    const recipients = await page.locator('[data-testid=sent-row] .mono').allInnerTexts();
    assert.ok(recipients.length >= 1);
    assert.ok(
      recipients.every((to) => to === tenant.email || to === tenant.phone),
      recipients.join(', '),
    );
    await page.getByTestId('sent-row').first().click();
    assert.match(await page.getByTestId('message-body').first().innerText(), /inspection/i);
    await page.getByTestId('tab-received').click();
    await page.waitForURL(/tab=received/);
    await page.getByText('No messages received yet').waitFor();
  });
});
