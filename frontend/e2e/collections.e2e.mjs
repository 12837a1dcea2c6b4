// Smart collections (spec 1.3) in the browser: Scan Now, the dashboard, a case, a partial payment
// and the unit page's Collections badge. Runs after app.e2e.mjs on the same freshly seeded server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, fmtMoney, money, shot, signedIn } from './support.mjs';

let browser;
let page;
const shared = {};

/** An unresolved case on a unit whose current lease is the case's (active or MTM) and that owes enough. */
async function pickCase() {
  const cases = await api(
    page,
    '/api/v1/collections/?status=open,payment_plan,escalated&ordering=-current_balance&page_size=60',
  );
  for (const c of cases.results) {
    if (Number(c.current_balance) < 200) continue;
    const current = await api(
      page,
      `/api/v1/tenants/leases/?unit=${c.unit_id}&ordering=-lease_begin_date&page_size=1`,
    );
    const lease = current.results[0];
    if (
      lease &&
      lease.id === c.lease_id &&
      ['active', 'month_to_month'].includes(lease.lease_status)
    )
      return c;
  }
  throw new Error('no case on a current active/MTM lease');
}

const ROOT = join(import.meta.dirname, '../..');

/**
 * Runs the collections agent as if `days` had passed, against the e2e server's own database (the server
 * scripts/test_frontend.sh seeds exports DATABASE_URL). Returns false against an outside server.
 */
function agentRunsLater(days) {
  if (!process.env.DATABASE_URL || process.env.E2E_BASE_URL) return false;
  const py = process.env.PYTHON || join(ROOT, '.venv/bin/python');
  const code =
    'import datetime; from django.utils import timezone; from collections_app.services import collections_escalate; ' +
    `print(collections_escalate(now=timezone.now() + datetime.timedelta(days=${Number(days)})))`;
  const started = Date.now();
  const out = execFileSync(py, ['manage.py', 'shell', '-c', code], {
    cwd: ROOT,
    env: process.env,
    stdio: 'pipe',
    timeout: 120_000,
  });
  console.log(
    `    agent ${days} days later (${((Date.now() - started) / 1000).toFixed(1)} s): ${String(out).trim()}`,
  );
  return true;
}

/** The step each escalation level's action is (the timeline's data-action-type). */
const STEP_TYPE = { 1: 'sms', 2: 'email', 3: 'formal_letter', 4: 'payment_plan' };

describe('Smart collections', { concurrency: false }, () => {
  before(async () => {
    ({ browser, page } = await signedIn());
  });

  after(async () => {
    await browser?.close();
  });

  test(
    'the sidebar opens Money → Collections and "Scan Now" opens cases with a progress state',
    { timeout: 150_000 },
    async () => {
      await page.locator('nav a.nav-item', { hasText: 'Collections' }).click();
      await page.waitForURL(/\/collections$/);
      await page.getByTestId('collections-stats').locator('app-stat-card').first().waitFor();

      await page.getByTestId('scan-now').click();
      const progress = page.getByTestId('scan-progress');
      await progress.waitFor();
      assert.match(await progress.innerText(), /Scanning ledgers/);
      assert.equal(await page.getByTestId('scan-now').isDisabled(), true);
      await shot(page, '20-collections-scanning');

      // The first run sends each tenant at most one message: the step its days overdue call for (~190).
      const result = page.getByTestId('scan-result');
      await result.waitFor({ timeout: 120_000 });
      assert.match(await page.getByTestId('scan-summary').innerText(), /Opened \d+ cases/);
      assert.match(await page.getByTestId('escalation-summary').innerText(), /dunning steps/);
      const rows = await api(page, '/api/v1/collections/?page_size=100');
      for (const row of rows.results) {
        assert.ok(
          row.timeline.filter((s) => s.done).length <= 1,
          `one step at most on ${row.tenant_name}`,
        );
        assert.ok(
          row.escalation_level <= 4 && row.status !== 'escalated',
          'no legal step without a manager',
        );
      }

      await page.locator('[data-testid=cases-table] tbody.case').first().waitFor();
      const stats = await api(page, '/api/v1/collections/dashboard-stats/');
      assert.ok(stats.open_cases > 0, 'cases were opened');
      assert.ok(!stats.by_level['5'], 'nobody at the legal step');
      const cards = await page.getByTestId('collections-stats').innerText();
      assert.match(
        cards,
        new RegExp(fmtMoney(Number(stats.total_overdue)).replace(/[$.]/g, '\\$&')),
      );
      assert.match(cards, new RegExp(`\\b${stats.open_cases.toLocaleString('en-US')}\\b`));
      await shot(page, '21-collections-dashboard');
    },
  );

  test('each row shows level dots, tone and the five-step timeline strip; filters go to the URL', async () => {
    const first = page.locator('[data-testid=cases-table] tbody.case').first();
    const level = Number(await first.locator('app-escalation-dots').getAttribute('data-level'));
    assert.match(await first.locator('app-escalation-dots').innerText(), new RegExp(`${level}/5`));
    assert.equal(await first.locator('app-dunning-timeline .step').count(), 5);
    assert.match(
      await first.locator('app-dunning-timeline').innerText(),
      /SMS.*→.*Email.*→.*Formal.*→.*Plan.*→/s,
    );
    assert.ok((await first.locator('app-status-badge[kind=tone]').innerText()).trim().length > 0);

    await page.getByTestId('level-filter').selectOption('4');
    await page.waitForURL(/level=4/);
    await page.waitForFunction(() => {
      const dots = [
        ...document.querySelectorAll('[data-testid=cases-table] tbody.case app-escalation-dots'),
      ];
      return dots.length > 0 && dots.every((d) => d.getAttribute('data-level') === '4');
    });
    await page.click('th button[data-sort=current_balance]');
    await page.waitForURL(/ordering=-current_balance/);
    await page.waitForFunction(() => !document.querySelector('[data-testid=cases-table].busy'));
    const balances = await page
      .locator('[data-testid=cases-table] tbody.case td.money')
      .evaluateAll((els) => els.map((e) => Number(e.textContent.replace(/[$,\s]/g, ''))));
    assert.deepEqual(
      balances,
      [...balances].sort((a, b) => b - a),
    );
  });

  test('opens a case: header, every message with its delivery, the dunning strip', async () => {
    shared.case = await pickCase();
    const c = shared.case;
    const tenant = await api(page, `/api/v1/tenants/${c.tenant_id}/`);
    shared.tenantBalance = Number(tenant.balance);

    await page.goto(`${BASE_URL}/collections`);
    await page.getByTestId('case-search').fill(c.tenant_name);
    await page.waitForURL(/q=/);
    const row = page.locator(`tbody.case[data-case-id="${c.id}"]`);
    await row.waitFor();
    await row.locator('td').nth(2).click();
    await page.waitForURL(new RegExp(`/collections/${c.id}$`));

    const balance = page.getByTestId('case-balance');
    await balance.waitFor();
    assert.equal(money(await balance.innerText()), Number(c.current_balance));
    assert.equal(
      await page.getByTestId('case-level').getAttribute('data-level'),
      String(c.escalation_level),
    );
    const entries = page.locator('[data-testid=case-timeline] > li');
    assert.ok((await entries.count()) >= 1, 'messages on the timeline');
    // The one step sent is the one the days overdue called for; the ones before it were skipped, not sent late.
    const step = page.locator(
      `[data-testid=case-timeline] > li[data-action-type=${STEP_TYPE[c.escalation_level]}]`,
    );
    assert.match(await step.innerText(), new RegExp(`Step ${c.escalation_level}`));
    assert.match(await step.innerText(), /In outbox|Delivered|Sent|Failed|Pending|Queued/);
    assert.equal(
      await page.locator('app-dunning-timeline .step[data-state=skipped]').count(),
      c.escalation_level - 1,
    );
    const legal = page.getByTestId('legal-referral');
    assert.equal(await legal.getAttribute('data-legal-state'), 'none');
    assert.match(
      await legal.innerText(),
      /needs at least \$500\.00 overdue for 30 days and a manager's approval/,
    );
    await shot(page, '22-collection-detail');
  });

  test('records a partial payment: over-balance is refused with the API detail, then the balance drops', async () => {
    const c = shared.case;
    const before = Number(c.current_balance);
    await page.click('button[data-action=record-payment]');
    const dialog = page.locator('app-record-payment-dialog');
    await dialog.waitFor();

    // Client-side validation first: nothing is sent for an empty amount.
    await dialog.getByTestId('confirm-payment').click();
    assert.match(await dialog.getByTestId('amount-error').innerText(), /Enter the amount/);

    // More than owed: the API's message is shown as is.
    await dialog.locator('#rp-amount').fill(String(before + 500));
    await dialog.getByTestId('confirm-payment').click();
    const err = dialog.getByTestId('action-error');
    await err.waitFor();
    assert.match(await err.innerText(), /exceeds the balance of/);
    await shot(page, '23-record-payment-refused', { fullPage: false });

    shared.paid = Math.floor(before / 2);
    await dialog.locator('#rp-amount').fill(String(shared.paid));
    await dialog.locator('#rp-ref').fill('E2E-CHK-1001');
    await dialog.getByTestId('confirm-payment').click();
    await dialog.waitFor({ state: 'detached' });

    const expected = Math.round((before - shared.paid) * 100) / 100;
    await page.waitForFunction(
      (v) =>
        Number(
          document
            .querySelector('[data-testid=case-balance]')
            ?.textContent?.replace(/[^0-9.-]/g, ''),
        ) === v,
      expected,
    );
    const newest = page.locator('[data-testid=case-timeline] > li').first();
    assert.equal(await newest.getAttribute('data-action-type'), 'payment_received');
    if (c.payment_plan_status === 'proposed') {
      // Paying on the agent's plan offer: the installments show it and the case is on the plan, in one step.
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=case-status]')?.getAttribute('data-status') ===
          'payment_plan',
      );
      const plan = page.getByTestId('payment-plan');
      assert.equal(
        await plan.locator('[data-plan-status]').getAttribute('data-plan-status'),
        'active',
      );
      assert.ok(
        (await plan
          .locator('[data-installment-status=paid], [data-installment-status=partial]')
          .count()) >= 1,
      );
    }
    assert.match(await newest.innerText(), /E2E-CHK-1001/);
    assert.match(
      await newest.innerText(),
      new RegExp(fmtMoney(shared.paid).replace(/[$.]/g, '\\$&')),
    );
    await shot(page, '24-collection-after-payment');
  });

  test("the unit page's Balance cell drops by the payment and shows the Collections badge", async () => {
    const c = shared.case;
    await page.getByTestId('case-unit-link').click();
    await page.waitForURL(new RegExp(`/units/${c.unit_id}$`));
    const badge = page.getByTestId('collections-badge');
    await badge.waitFor();
    const expected = Math.round((shared.tenantBalance - shared.paid) * 100) / 100;
    assert.equal(money(await page.getByTestId('unit-balance').innerText()), expected);
    assert.equal(await badge.getAttribute('href'), `/collections/${c.id}`);
    assert.equal(
      await badge.locator('app-escalation-dots').getAttribute('data-level'),
      String(c.escalation_level),
    );
    assert.match(await badge.innerText(), /Collections/);
    await shot(page, '25-unit-collections-badge');

    await badge.click();
    await page.waitForURL(new RegExp(`/collections/${c.id}$`));
    await page.getByTestId('case-balance').waitFor();
  });

  test('offers a 3-installment plan on an open case and records the tenant accepting it', async () => {
    const open = await api(
      page,
      '/api/v1/collections/?status=open&ordering=-current_balance&page_size=20',
    );
    const c = open.results.find(
      (x) =>
        x.payment_plan_status !== 'accepted' &&
        x.payment_plan_status !== 'active' &&
        Number(x.current_balance) >= 3,
    );
    assert.ok(c, 'an open case');
    await page.goto(`${BASE_URL}/collections/${c.id}`);
    await page.click('button[data-action=offer-plan]');
    const dialog = page.locator('app-offer-plan-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('plan-count').selectOption('3');
    assert.equal(await dialog.locator('[data-testid=plan-preview] tbody tr').count(), 3);
    await shot(page, '26-offer-plan', { fullPage: false });
    await dialog.getByTestId('confirm-plan').click();
    await dialog.waitFor({ state: 'detached' });

    const plan = page.getByTestId('payment-plan');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=installments] tbody tr').length === 3,
    );
    assert.equal(
      await plan.locator('[data-plan-status]').getAttribute('data-plan-status'),
      'proposed',
    );
    const amounts = await plan
      .locator('[data-testid=installments] tbody td.money:nth-child(3)')
      .evaluateAll((els) => els.map((e) => Number(e.textContent.replace(/[$,\s]/g, ''))));
    assert.equal(
      Math.round(amounts.reduce((s, a) => s + a, 0) * 100) / 100,
      Number(c.current_balance),
    );

    await page.click('button[data-action=accept-plan]');
    await page.locator('app-case-confirm-dialog').getByTestId('confirm-action').click();
    await page.locator('app-case-confirm-dialog').waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=case-status]')?.getAttribute('data-status') ===
        'payment_plan',
    );
    assert.equal(
      await plan.locator('[data-plan-status]').getAttribute('data-plan-status'),
      'accepted',
    );
    await shot(page, '27-collection-on-plan');
  });

  test('sends the next reminder early on a case below the plan step', async (t) => {
    const open = await api(
      page,
      '/api/v1/collections/?status=open&escalation_level=0,1,2,3&page_size=20',
    );
    const c = open.results[0];
    if (!c) {
      t.skip('every open case is at the plan step today');
      return;
    }
    await page.goto(`${BASE_URL}/collections/${c.id}`);
    await page.getByTestId('case-level').waitFor();
    await page.click('button[data-action=send-reminder]');
    const confirm = page.locator('app-case-confirm-dialog');
    assert.match(await confirm.innerText(), new RegExp(`Step ${c.escalation_level + 1}`));
    await confirm.getByTestId('confirm-action').click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(
      (lvl) =>
        document.querySelector('[data-testid=case-level]')?.getAttribute('data-level') ===
        String(lvl),
      c.escalation_level + 1,
    );
    const sent = page.locator('[data-testid=case-timeline] > li').first();
    assert.match(await sent.innerText(), new RegExp(`Step ${c.escalation_level + 1}`));
  });

  test('at the plan step there is no reminder left: the manager escalates with a note (confirmed)', async () => {
    const open = await api(
      page,
      '/api/v1/collections/?status=open&escalation_level=4&ordering=current_balance&page_size=20',
    );
    const c = open.results[0];
    assert.ok(c, 'an open case at level 4');
    await page.goto(`${BASE_URL}/collections/${c.id}`);
    await page.getByTestId('case-level').waitFor();
    assert.equal(await page.locator('button[data-action=send-reminder]').isDisabled(), true);

    await page.click('button[data-action=escalate]');
    const confirm = page.locator('app-case-confirm-dialog');
    await confirm.waitFor();
    await confirm.getByTestId('confirm-note').fill('Tenant stopped answering; hand to counsel.');
    await shot(page, '28-escalate-confirm', { fullPage: false });
    await confirm.getByTestId('confirm-action').click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=case-status]')?.getAttribute('data-status') ===
        'escalated',
    );
    assert.equal(await page.getByTestId('case-level').getAttribute('data-level'), '5');
    assert.match(await page.getByTestId('case-timeline').innerText(), /hand to counsel/);
    assert.equal(await page.locator('button[data-action=escalate]').isDisabled(), true);
    assert.equal(
      await page.getByTestId('legal-referral').getAttribute('data-legal-state'),
      'approved',
    );
  });

  test('days later the agent only recommends legal referrals; the manager approves one and dismisses another', async (t) => {
    if (!agentRunsLater(5)) {
      t.skip('needs the e2e database (scripts/test_frontend.sh starts the server)');
      return;
    }
    const list = await api(
      page,
      '/api/v1/collections/?status=open&escalation_level=4&ordering=-current_balance&page_size=100',
    );
    const recommended = list.results.filter((c) => c.legal_referral === 'recommended');
    assert.ok(recommended.length >= 2, 'legal referrals recommended');
    assert.ok(
      recommended.every((c) => Number(c.current_balance) >= 500),
      'only for $500 or more',
    );
    const stats = await api(page, '/api/v1/collections/dashboard-stats/');
    assert.ok(
      !stats.by_level['5'] || stats.by_level['5'] === 1,
      'only the case the manager escalated is at level 5',
    );

    const [a, b] = recommended;
    await page.goto(`${BASE_URL}/collections/${a.id}`);
    const legal = page.getByTestId('legal-referral');
    await legal.waitFor();
    assert.equal(await legal.getAttribute('data-legal-state'), 'recommended');
    assert.match(await legal.innerText(), /awaiting your approval/);
    assert.match(await legal.innerText(), /Nothing has been sent/);
    await shot(page, '29-legal-referral-recommended');
    await legal.locator('button[data-action=approve-legal]').click();
    const confirm = page.locator('app-case-confirm-dialog');
    assert.match(await confirm.innerText(), /final notice letter/);
    await shot(page, '30-legal-referral-confirm', { fullPage: false });
    await confirm.getByTestId('confirm-action').click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=case-status]')?.getAttribute('data-status') ===
        'escalated',
    );
    assert.equal(await legal.getAttribute('data-legal-state'), 'approved');
    assert.equal(await page.getByTestId('case-level').getAttribute('data-level'), '5');
    assert.match(
      await page.locator('[data-testid=case-timeline] > li').first().innerText(),
      /Step 5/,
    );

    await page.goto(`${BASE_URL}/collections/${b.id}`);
    await legal.locator('button[data-action=dismiss-legal]').click();
    await confirm.getByTestId('confirm-note').fill('Spoke to the tenant; paying Friday.');
    await confirm.getByTestId('confirm-action').click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=legal-referral]')?.getAttribute('data-legal-state') ===
        'dismissed',
    );
    assert.equal(await page.getByTestId('case-status').getAttribute('data-status'), 'open');
    assert.match(await page.getByTestId('case-timeline').innerText(), /paying Friday/);
    await shot(page, '31-legal-referral-dismissed');
  });

  test('the dashboard shows the Collections card', async () => {
    await page.goto(`${BASE_URL}/dashboard`);
    const card = page.locator('app-stat-card[data-card=collections]');
    await card.waitFor();
    await page.waitForFunction(() =>
      /open case/.test(
        document.querySelector('app-stat-card[data-card=collections]')?.textContent ?? '',
      ),
    );
    assert.match(await card.innerText(), /\$[\d,]+\.\d\d/);
    assert.equal(await card.locator('a.more').getAttribute('href'), '/collections');
  });
});
