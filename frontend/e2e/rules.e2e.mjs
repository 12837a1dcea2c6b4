// The law as data in the browser: the "Rules by state" screen lists each state's rules with their citation, and
// a renewal's detail shows the reply-by date and the notice rule its dates follow. (Named to run after the
// renewals file, whose scan creates the offers.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

let browser;
let page;

describe('Rules by state', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
  });

  after(async () => {
    await browser?.close();
  });

  test('lists the rules with their citations, filtered by state and rule', async () => {
    await page.locator('nav a.nav-item', { hasText: 'Rules by state' }).click();
    await page.waitForURL(/\/rules$/);
    await page.getByTestId('rule-row').first().waitFor();

    await page.selectOption('[data-testid=state-filter]', 'CA');
    await page.waitForURL(/state=CA/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=rule-row] td:first-child')].every(
        (td) => td.textContent.trim() === 'CA',
      ),
    );
    const text = await page.getByTestId('rules-table').innerText();
    assert.match(text, /Cal\. Civ\. Code §827/);
    assert.match(text, /30 days up to a 10% increase; 90 days otherwise/);
    assert.match(text, /check with counsel/);

    await page.selectOption('[data-testid=rule-type-filter]', 'late_fee');
    await page.waitForURL(/rule_type=late_fee/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=rule-row]').length === 1,
    );
    assert.match(await page.getByTestId('rule-row').innerText(), /§1671\(d\)/);
    await shot(page, '60-rules-by-state');

    await page.goto(`${BASE_URL}/rules?state=IL&q=Chicago`);
    await page.getByTestId('rule-row').first().waitFor();
    assert.match(await page.getByTestId('rules-table').innerText(), /Chicago, IL/);
  });

  test('contact hours for automated texts: the federal window and the stricter states, cited', async () => {
    await page.goto(`${BASE_URL}/rules?rule_type=sms_contact_hours`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=rule-row]').length === 4,
    );
    const text = await page.getByTestId('rules-table').innerText();
    assert.match(text, /US \(federal\)/);
    assert.match(text, /47 CFR §64\.1200\(c\)\(1\)/);
    assert.match(text, /automated texts only 8:00 AM–9:00 PM/);
    assert.match(text, /Fla\. Stat\. §501\.616\(6\)\(a\)/);
    assert.match(text, /automated texts only 8:00 AM–8:00 PM/);
    await shot(page, '61-rules-contact-hours');
  });

  test('deposit rules read in words, with the check date and the counsel-review flag', async () => {
    await page.goto(`${BASE_URL}/rules?state=TX&rule_type=security_deposit_return`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=rule-row]').length === 1,
    );
    const row = await page.getByTestId('rule-row').innerText();
    assert.match(
      row,
      /30 days after the tenant surrenders the unit \(once the tenant gives a forwarding address\); itemized statement required/,
    );
    assert.match(row, /Tex\. Prop\. Code §92\.103\(a\)/);
    assert.match(await page.getByTestId('checked-on').innerText(), /^Checked \S/);

    await page.goto(`${BASE_URL}/rules?state=CA&rule_type=deposit_itemized_statement`);
    await page.getByTestId('needs-review').waitFor();
    const statement = await page.getByTestId('rule-row').innerText();
    assert.match(statement, /receipts when repairs and cleaning reach \$125\.00/);
    assert.match(await page.getByTestId('needs-review').innerText(), /Needs counsel review/);

    await page.goto(`${BASE_URL}/rules?state=FL&rule_type=security_deposit_return`);
    await page.getByTestId('rule-row').first().waitFor();
    assert.match(
      await page.getByTestId('rule-words').innerText(),
      /15 days after the tenant moves out if nothing is withheld; 30 days for the itemized statement/,
    );

    await page.goto(`${BASE_URL}/rules?state=GA`);
    await page.getByTestId('rule-row').first().waitFor();
    assert.match(
      await page.getByTestId('rules-table').innerText(),
      /“ordinary wear and tear” may not be charged/,
    );
    await shot(page, '62-rules-deposit');
  });

  test('the rules fit a phone: the table scrolls inside its card', async () => {
    const phone = await signedIn({ viewport: { width: 390, height: 844 } });
    try {
      await phone.page.goto(`${BASE_URL}/rules?state=CA`);
      await phone.page.getByTestId('rule-row').first().waitFor();
      await phone.page.waitForLoadState('networkidle');
      const width = await phone.page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      assert.ok(width <= 390, `/rules is ${width} px wide on a phone`);
      await shot(phone.page, 'phone-rules-deposit');
    } finally {
      await phone.browser.close();
    }
  });

  test('a renewal shows its reply-by date and the notice rule behind its start date', async (t) => {
    const list = await api(page, '/api/v1/renewals/?status=pending&page_size=50');
    const rec = list.results.find((r) => r.notice_days);
    if (!rec) {
      t.skip('no pending renewal with a rent increase (run after the renewals file)');
      return;
    }
    await page.goto(`${BASE_URL}/renewals/${rec.id}`);
    const notice = page.getByTestId('notice-rule');
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(`${rec.notice_days} days' notice`));
    if (rec.notice_citation) assert.ok((await notice.innerText()).includes(rec.notice_citation));
    assert.ok(
      rec.response_deadline < rec.recommended_lease_start,
      'the reply is due before the new rent starts',
    );
    assert.match(await page.getByTestId('reply-by').innerText(), /\d{4}/);
    await shot(page, '61-renewal-notice-rule');
  });
});
