// Manager notifications in the browser: the collections agent, run twice, tells the manager once — a critical
// notification per property where tenants owe three months' rent, in the bell and (once) in the outbox for the
// on-call manager; opening it marks it read and goes to Collections. The nightly lifecycle run is in the bell too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

let browser;
let page;

async function runScan() {
  const job = await api(page, '/api/v1/collections/run-scan/', { method: 'POST' });
  for (let i = 0; i < 120; i++) {
    const state = await api(page, job.url);
    if (state.done) return state;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the collections scan did not finish');
}

const pages = () => api(page, '/api/v1/messages/outbox/?feature=notifications&page_size=100');

describe('Manager notifications', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
  });

  after(async () => {
    await browser?.close();
  });

  test('the collections agent run twice notifies once: in the bell and in the outbox', async () => {
    await runScan();
    const afterFirst = await pages();
    await runScan();
    const afterSecond = await pages();
    const critical = await api(page, '/api/v1/notifications/?severity=critical&page_size=100');
    assert.ok(critical.count > 0, 'the demo has tenants three months behind');
    assert.equal(afterSecond.count, afterFirst.count, 'the second run paged nobody again');
    // one email and one text to the on-call manager per critical notification
    assert.equal(afterSecond.count, critical.count * 2);
    const titles = critical.results.map((n) => n.title);
    assert.equal(new Set(titles).size, titles.length, 'no notification twice');

    await page.goto(`${BASE_URL}/dashboard`);
    const count = page.getByTestId('notification-count');
    await count.waitFor();
    assert.match(await count.getAttribute('class'), /critical/);
    await page.getByTestId('notification-bell').click();
    const panel = page.getByTestId('notification-panel');
    await panel.waitFor();
    const item = panel
      .locator('[data-testid="notification-item"][data-severity="critical"]')
      .first();
    await item.waitFor();
    assert.match(await item.innerText(), /months' rent or more/);
    assert.match(await item.innerText(), /critical/i);
    await shot(page, '40-notification-bell', { fullPage: false });
    const before = (await api(page, '/api/v1/notifications/')).unread.unread;
    await item.click();
    await page.waitForURL(/\/collections$/);
    const after = (await api(page, '/api/v1/notifications/')).unread.unread;
    assert.equal(after, before - 1, 'opening it marked it read');
  });

  test('the nightly lifecycle run is in the bell, and "Mark all read" clears the count', async () => {
    const lifecycle = await api(page, '/api/v1/notifications/?kind=tenants.lifecycle');
    assert.ok(
      lifecycle.results.some((n) => /month-to-month/.test(n.title)),
      'the seeding run of the lifecycle agent told the manager',
    );
    await page.goto(`${BASE_URL}/dashboard`);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-read-all').click();
    await page.getByTestId('notification-count').waitFor({ state: 'detached' });
    assert.equal((await api(page, '/api/v1/notifications/')).unread.unread, 0);
  });

  test('on a phone the panel fits the screen', async () => {
    const phone = await signedIn({ viewport: { width: 390, height: 844 } });
    try {
      await phone.page.getByTestId('notification-bell').click();
      const box = await phone.page.getByTestId('notification-panel').boundingBox();
      assert.ok(
        box && box.x >= 0 && box.x + box.width <= 390,
        `panel inside the screen: ${JSON.stringify(box)}`,
      );
      await shot(phone.page, '41-notification-bell-phone', { fullPage: false });
    } finally {
      await phone.browser.close();
    }
  });
});
