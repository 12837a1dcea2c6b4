// Portfolio chat in the browser (issue 23 §3, "Done when"): a manager asks a question, the answer streams in with
// a table; the action button opens the command center filtered; the conversation is kept; the digest card shows
// on the dashboard; desktop and 390 px screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

const QUESTION = 'How many month-to-month leases do we have?';

describe('Portfolio chat', { concurrency: false }, () => {
  let s;

  before(async () => {
    s = await signedIn();
  });

  after(async () => {
    await s?.browser.close();
  });

  test('a question streams an answer with a table; the action opens the command center filtered', async () => {
    const { page } = s;
    await page.locator('nav a.nav-item', { hasText: 'Ask the portfolio' }).click();
    await page.waitForURL(/\/chat$/);
    await page.getByTestId('chat-suggestions').waitFor();
    await shot(page, 'chat-01-empty');

    await page.getByTestId('chat-input').fill(QUESTION);
    await page.getByTestId('chat-send').click();
    await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    const answer = page.locator('[data-role=assistant] [data-testid=chat-text]').last();
    await answer.waitFor();
    await page.locator('[data-testid=chat-table] tbody tr').first().waitFor();
    await page.getByTestId('chat-send').waitFor(); // the stream has ended: Ask is back in place of Stop

    const stats = await api(page, '/api/v1/tenants/leases/lifecycle-stats/');
    const text = await answer.innerText();
    assert.match(
      text,
      new RegExp(`There (is|are) ${stats.month_to_month.toLocaleString('en-US')} month-to-month`),
    );
    const rows = await page.locator('[data-testid=chat-table] tbody tr').count();
    assert.equal(rows, Math.min(stats.month_to_month, 20));
    await shot(page, 'chat-02-answer');

    // kept: the conversation is in the sidebar and its history reloads
    const id = page.url().split('/').pop();
    const history = await api(page, `/api/v1/chat/conversations/${id}/messages/`);
    assert.deepEqual(
      history.map((m) => m.role),
      ['user', 'assistant'],
    );
    assert.ok(history[1].blocks.some((b) => b.type === 'table'));

    await page.getByTestId('chat-action').first().click();
    await page.waitForURL(/\/portfolio\/command-center\?.*state=month_to_month/);
  });

  test('"MTM units below market" opens the command center with those units and the rent-increase preview', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/chat`);
    await page.getByTestId('chat-input').fill('Which MTM units are below market?');
    await page.getByTestId('chat-send').click();
    const button = page
      .locator('[data-testid=chat-action][data-bulk-action=rent_increase_notice]')
      .last();
    await button.waitFor();
    await page.getByTestId('chat-send').waitFor();
    const id = page.url().split('/').pop();
    const history = await api(page, `/api/v1/chat/conversations/${id}/messages/`);
    const action = history
      .at(-1)
      .blocks.find((b) => b.type === 'action' && b.bulk_action === 'rent_increase_notice');
    const n = action.unit_ids.length;
    assert.ok(n > 0);
    assert.match(
      await button.innerText(),
      new RegExp(`Draft rent-increase notices \\(${n.toLocaleString('en-US')} units?\\)`),
    );
    await shot(page, 'chat-04-bulk-action');

    await button.click();
    await page.waitForURL(/\/portfolio\/command-center\?.*state=month_to_month/);
    const modal = page.getByTestId('bulk-modal');
    await modal.waitFor();
    assert.match(await modal.getAttribute('aria-label'), /rent increase/i);
    await page.getByTestId('preview-count').waitFor();
    assert.equal(
      (await page.getByTestId('selected-count').innerText()).replace(/\s+/g, ' '),
      `Selected: ${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`,
    );
    // the modal is over the chat's units (it previews the first 500; more run as batches of 500)
    assert.match(
      (await modal.locator('h2').innerText()).replace(/\s+/g, ' '),
      new RegExp(`\\(${n.toLocaleString('en-US')} units?\\)`),
    );
    await shot(page, 'chat-05-bulk-preview');
    await modal
      .getByRole('button', { name: /cancel|close/i })
      .first()
      .click();
    await modal.waitFor({ state: 'detached' });
  });

  test('a reminder is proposed, and set only when the manager confirms', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/chat`);
    const before = (await api(page, '/api/v1/notifications/reminders/')).count;
    await page
      .getByTestId('chat-input')
      .fill('Remind me to call the plumber about the boiler in 3 days at 3pm');
    await page.getByTestId('chat-send').click();
    const confirm = page.getByTestId('chat-confirm').last();
    await confirm.waitFor();
    await page.getByTestId('chat-send').waitFor();
    assert.equal((await api(page, '/api/v1/notifications/reminders/')).count, before);
    await confirm.click();
    await page.getByTestId('chat-confirm').filter({ hasText: 'Done' }).last().waitFor();
    const reminders = await api(page, '/api/v1/notifications/reminders/?pending=true');
    assert.equal(reminders.count, before + 1);
    assert.equal(reminders.results.at(-1).title, 'Call the plumber about the boiler');
  });

  test('the digest card is on the dashboard', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/dashboard`);
    const card = page.locator('[data-card=digest]');
    await card.waitFor();
    await page.waitForFunction(
      () => !document.querySelector('[data-card=digest]')?.textContent?.includes('Loading'),
    );
    const digest = await api(page, '/api/v1/chat/daily-digest/');
    const urgent = digest.highlights.filter((h) => h.section === 'urgent').length;
    assert.ok((await card.innerText()).includes(urgent ? `${urgent} urgent` : 'All clear'));

    // the card opens the digest page: its sections, figures and text
    await card.getByRole('link').click();
    await page.waitForURL(/\/chat\/digest$/);
    await page.getByTestId('digest-content').waitFor();
    assert.equal(await page.locator('[data-section=urgent] li').count(), urgent);
    assert.ok((await page.getByTestId('digest-content').innerText()).startsWith('Good morning.'));
    await shot(page, 'chat-06-digest');
  });

  test('phone width: the thread and the table fit', async () => {
    const phone = await signedIn({ viewport: { width: 390, height: 844 } });
    try {
      const { page } = phone;
      const convos = await api(page, '/api/v1/chat/conversations/');
      const withTable = convos.results.find((c) => c.title === QUESTION) ?? convos.results[0];
      await page.goto(`${BASE_URL}/chat/${withTable.id}`);
      await page.locator('[data-testid=chat-table]').first().waitFor();
      const width = await page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      assert.ok(width <= 392, `page is ${width}px wide`);
      await shot(page, 'chat-03-phone');
      await page.goto(`${BASE_URL}/chat/digest`);
      await page.getByTestId('digest-content').waitFor();
      const digestWidth = await page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      assert.ok(digestWidth <= 392, `digest page is ${digestWidth}px wide`);
      await shot(page, 'chat-07-digest-phone');
    } finally {
      await phone.browser.close();
    }
  });
});
