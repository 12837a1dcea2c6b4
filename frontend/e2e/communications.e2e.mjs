// The tenant inbox in the browser (issue 24 "Done when"): a manager opens Inbox from the sidebar, filters to
// emergencies, opens the thread (classification chips, the tenant profile), replies by SMS, and sees the reply
// in the thread and in the outbox (Messages → Sent); broadcasts preview a count; the at-risk screen loads;
// desktop and 390 px screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const STAMP = Date.now().toString(36).toUpperCase();
const REPLY = `E2E: our on-call plumber is on the way (${STAMP})`;

describe('Tenant inbox', { concurrency: false }, () => {
  let s;

  before(async () => {
    s = await signedIn();
  });

  after(async () => {
    await s?.browser.close();
  });

  test('filter to emergencies, open a thread, reply by SMS, see it in the thread and the outbox', async () => {
    const { page } = s;
    await page.locator('nav a.nav-item', { hasText: 'Inbox' }).click();
    await page.waitForURL(/\/communications$/);
    await page.getByTestId('conversation').first().waitFor();
    await shot(page, 'communications-inbox');

    await page.click('[data-testid=inbox-views] [data-view=emergency]');
    await page.waitForURL(/view=emergency/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=conversation]')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-category') === 'emergency');
    });
    const emergencies = await api(page, '/api/v1/communications/conversations/?category=emergency');
    assert.equal(await page.getByTestId('conversation').count(), emergencies.results.length);
    assert.ok(emergencies.results.every((c) => c.urgency === 'critical'));

    await page.getByTestId('conversation').first().click();
    await page.waitForURL(/\/communications\/[0-9a-f-]{36}/);
    await page.getByTestId('classification').first().waitFor();
    assert.match(await page.getByTestId('classification').first().innerText(), /Emergency/);
    await page.getByTestId('profile-rent').waitFor();
    assert.match(await page.getByTestId('profile-rent').innerText(), /^\$[\d,]+\.\d{2}$/);
    // an emergency gets no automatic reply (staff replies from earlier runs may be there)
    const openedId = page.url().split('/communications/')[1].split('?')[0];
    const opened = await api(page, `/api/v1/communications/conversations/${openedId}/`);
    assert.ok(opened.escalated && opened.urgency === 'critical');
    assert.equal(opened.messages.filter((m) => m.is_auto_sent).length, 0);
    await shot(page, 'communications-emergency-thread');

    await page.fill('[data-testid=reply-form] textarea', REPLY);
    await page.selectOption('[data-testid=reply-form] select', 'sms');
    await page.getByTestId('send-reply').click();
    await page
      .locator('[data-testid=message][data-direction=outbound]', { hasText: STAMP })
      .waitFor();

    const conversationId = page.url().split('/communications/')[1].split('?')[0];
    const detail = await api(page, `/api/v1/communications/conversations/${conversationId}/`);
    const sent = detail.messages.find((m) => m.content === REPLY);
    assert.ok(sent && sent.channel === 'sms' && sent.outbox_id, 'the reply went through messaging');

    // the outbox (Messages → Sent) for this tenant: the reply is there, sent by SMS to their number
    await page.goto(`${BASE_URL}/messages?tenant=${detail.tenant}`);
    const row = page.locator('[data-testid=sent-row]', { hasText: STAMP });
    await row.waitFor();
    assert.match(
      await row.innerText(),
      new RegExp(detail.tenant_profile.phone.replace('+', '\\+')),
    );
  });

  test('broadcasts preview the recipient count before sending; the at-risk screen loads', async () => {
    const { page } = s;
    await page.goto(`${BASE_URL}/communications/broadcasts`);
    await page.getByTestId('preview').click();
    await page.getByTestId('preview-count').waitFor();
    const preview = await api(page, '/api/v1/communications/broadcasts/preview/', {
      method: 'POST',
      body: {},
    });
    assert.match(
      await page.getByTestId('preview-count').innerText(),
      new RegExp(`${preview.recipient_count}`),
    );
    await shot(page, 'communications-broadcasts');
    await page.goto(`${BASE_URL}/communications/sentiment`);
    await page.locator('h1', { hasText: 'At-risk tenants' }).waitFor();
    await shot(page, 'communications-at-risk');
  });

  test('on a phone the panes stack: the list, then the thread alone', async () => {
    const phone = await signedIn({ viewport: PHONE });
    try {
      const { page } = phone;
      await page.goto(`${BASE_URL}/communications`);
      await page.getByTestId('conversation').first().waitFor();
      await shot(page, 'communications-phone-list');
      await page.getByTestId('conversation').first().click();
      await page.getByTestId('thread-title').waitFor();
      assert.equal(await page.getByTestId('conversation-list').isVisible(), false);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width + 1, `page is ${width}px wide`);
      await shot(page, 'communications-phone-thread');
    } finally {
      await phone.browser.close();
    }
  });
});
