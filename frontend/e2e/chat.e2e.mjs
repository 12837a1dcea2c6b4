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
  });

  test('phone width: the thread and the table fit', async () => {
    const phone = await signedIn({ viewport: { width: 390, height: 844 } });
    try {
      const { page } = phone;
      const convos = await api(page, '/api/v1/chat/conversations/');
      await page.goto(`${BASE_URL}/chat/${convos.results[0].id}`);
      await page.locator('[data-testid=chat-table]').first().waitFor();
      const width = await page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      assert.ok(width <= 392, `page is ${width}px wide`);
      await shot(page, 'chat-03-phone');
    } finally {
      await phone.browser.close();
    }
  });
});
