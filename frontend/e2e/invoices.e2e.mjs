// Vendor invoices (issue 16) in the browser: the accountant enters an invoice with two lines (live totals,
// a PDF attached), approves it and records its payment; a maintenance coordinator reads it but has no
// approve button; the list and the detail fit a 390 px phone. Adds one invoice to the seeded data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, demoLogin, money, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const NUMBER = `E2E-${Date.now().toString(36).toUpperCase()}`;
const shared = {};

/** A one-page PDF (core/files checks the bytes: it must open). */
function tinyPdf(text) {
  const stream = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function pageWidth(page) {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

/** A completed work order with a vendor, through the invoices' own picker (an accountant has no maintenance
 * screens): on the unit of a recent demo bill. */
async function pickWorkOrder(page) {
  const bills = await api(page, '/api/v1/invoices/?ordering=-invoice_date&page_size=20');
  for (const bill of bills.results.filter((b) => b.unit)) {
    const options = await api(page, `/api/v1/invoices/work-orders/?unit=${bill.unit}`);
    const wo = options.find((w) => w.assigned_vendor && w.status === 'completed');
    if (wo) return wo;
  }
  throw new Error('no completed work order with a vendor');
}

describe('Invoices', { concurrency: false }, () => {
  describe('accountant', { concurrency: false }, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedIn({ email: demoLogin('accounting') }));
    });
    after(async () => {
      await browser?.close();
    });

    test('Money → Invoices lists the bills with status chips that count and total them', async () => {
      await page.locator('nav a.nav-item', { hasText: 'Invoices' }).click();
      await page.waitForURL(/\/invoices$/);
      await page.locator('[data-testid=invoices-table] tbody tr').first().waitFor();
      const summary = await api(page, '/api/v1/invoices/summary/');
      const paidChip = page.locator('[data-chip=paid]');
      await paidChip
        .locator('.chip-count', { hasText: String(summary.by_status.paid.count) })
        .waitFor();
      assert.equal(
        money(await paidChip.locator('.chip-total').innerText()),
        Number(summary.by_status.paid.total),
      );
      await page.locator('[data-chip=received]').click();
      await page.waitForURL(/status=received/);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=invoices-table] app-status-badge')].every(
          (b) => b.getAttribute('data-status') === 'received',
        ),
      );
      await shot(page, '60-invoices-list');
      await page.locator('[data-chip=all]').click();
      await page.waitForURL((u) => !u.search.includes('status='));
      assert.equal(await page.getByTestId('new-invoice').isVisible(), true);
    });

    test('New invoice: two lines, live totals in cents, a PDF; the server saves the same totals', async () => {
      const wo = await pickWorkOrder(page);
      shared.wo = wo;
      await page.getByTestId('new-invoice').click();
      await page.waitForURL(/\/invoices\/new$/);
      await page.getByTestId('vendor').locator('option').nth(1).waitFor({ state: 'attached' });
      await page.getByTestId('vendor').selectOption(wo.assigned_vendor);
      await page.getByTestId('invoice-number').fill(NUMBER);
      await page.getByTestId('property').selectOption(wo.property);
      await page
        .locator(`[data-testid=unit] option[value="${wo.unit}"]`)
        .waitFor({ state: 'attached' });
      await page.getByTestId('unit').selectOption(wo.unit);
      await page
        .locator(`[data-testid=work-order] option[value="${wo.id}"]`)
        .waitFor({ state: 'attached' });
      await page.getByTestId('work-order').selectOption(wo.id);

      const lines = page.locator('[data-line]');
      await lines.nth(0).getByTestId('line-description').fill('Labor - leak under the sink');
      await lines.nth(0).getByTestId('line-quantity').fill('1.5');
      await lines.nth(0).getByTestId('line-price').fill('85.00');
      await page.getByTestId('add-line').click();
      await lines.nth(1).getByTestId('line-description').fill('Faucet cartridge');
      await lines.nth(1).getByTestId('line-quantity').fill('2');
      await lines.nth(1).getByTestId('line-price').fill('18.40');
      await page.getByTestId('tax').fill('3.04');
      assert.equal(await lines.nth(0).getByTestId('line-amount').innerText(), '$127.50');
      assert.equal(await lines.nth(1).getByTestId('line-amount').innerText(), '$36.80');
      assert.equal(await page.getByTestId('subtotal').innerText(), '$164.30');
      assert.equal(await page.getByTestId('total').innerText(), '$167.34');

      await page.getByTestId('upload-input').setInputFiles({
        name: `${NUMBER}.pdf`,
        mimeType: 'application/pdf',
        buffer: tinyPdf(NUMBER),
      });
      await page.locator('app-file-upload li[data-status=done]').waitFor();
      await shot(page, '61-invoice-new');

      await page.getByTestId('save-invoice').click();
      await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
      shared.id = page.url().split('/').pop();
      await page.getByTestId('invoice-status').waitFor();
      assert.equal(
        await page.getByTestId('invoice-status').getAttribute('data-status'),
        'received',
      );
      assert.equal(await page.getByTestId('detail-total').innerText(), '$167.34');
      assert.equal(await page.locator('[data-testid=line-items-table] tbody tr').count(), 2);
      await page.locator('[data-testid=attachments] li.file').first().waitFor();
      // the viewer opens the PDF through the attachment's signed link
      await page.locator('[data-testid=attachments] app-file-viewer button.pdf').click();
      await page.locator('app-file-viewer iframe.pdf-frame').waitFor({ state: 'attached' });
      await page.keyboard.press('Escape');
      await page.locator('app-file-viewer .overlay').waitFor({ state: 'detached' });
      const saved = await api(page, `/api/v1/invoices/${shared.id}/`);
      assert.deepEqual(
        [saved.subtotal, saved.tax_amount, saved.total_amount],
        ['164.30', '3.04', '167.34'],
      );
      assert.deepEqual(
        saved.line_items.map((l) => l.amount),
        ['127.50', '36.80'],
      );
      assert.equal(saved.work_order, wo.id);
      assert.equal(saved.attachments.length, 1);
      // the accountant sees the work order's number; the maintenance screen is not theirs to open
      assert.match(
        await page.getByTestId('work-order-link').innerText(),
        new RegExp(wo.work_order_number),
      );
    });

    test('approve, then mark paid with a reference, each after a confirm step', async () => {
      await page.getByTestId('action-approve').click();
      await page.getByTestId('transition-dialog').waitFor();
      await page.getByTestId('confirm-transition').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=invoice-status]')?.getAttribute('data-status') ===
          'approved',
      );
      assert.equal(await page.getByTestId('action-approve').count(), 0);
      await page.getByTestId('action-pay').click();
      await page.getByTestId('payment-reference').fill('ACH 4471');
      await shot(page, '62-invoice-pay-dialog', { fullPage: false });
      await page.getByTestId('confirm-transition').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=invoice-status]')?.getAttribute('data-status') ===
          'paid',
      );
      assert.match(await page.getByTestId('paid-on').innerText(), /ACH 4471/);
      assert.equal(await page.getByTestId('invoice-actions').count(), 0, 'a paid invoice is final');
      const history = await page.locator('[data-testid=history] li').allInnerTexts();
      assert.match(history[0], /Paid/);
      assert.match(history[1], /Approved/);
      assert.match(history.at(-1), /Entered/);
      const saved = await api(page, `/api/v1/invoices/${shared.id}/`);
      assert.equal(saved.status, 'paid');
      assert.equal(saved.payment_reference, 'ACH 4471');
      assert.ok(saved.paid_date && saved.approved_by.startsWith('user:accounting@'));
      await shot(page, '63-invoice-paid');
    });

    test('the AI-processing address opens the same invoice', async () => {
      await page.goto(`${BASE_URL}/invoices/processing/${shared.id}`);
      await page.waitForURL(new RegExp(`/invoices/${shared.id}$`));
      await page.getByTestId('invoice-status').waitFor();
    });
  });

  describe('maintenance coordinator', { concurrency: false }, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedIn({ email: demoLogin('maintenance') }));
    });
    after(async () => {
      await browser?.close();
    });

    test('reads invoices but has no New invoice and no approve button', async () => {
      await page.goto(`${BASE_URL}/invoices`);
      await page.locator('[data-testid=invoices-table] tbody tr').first().waitFor();
      assert.equal(await page.getByTestId('new-invoice').count(), 0);
      const received = await api(page, '/api/v1/invoices/?status=received&page_size=1');
      await page.goto(`${BASE_URL}/invoices/${received.results[0].id}`);
      await page.getByTestId('invoice-status').waitFor();
      assert.equal(
        await page.getByTestId('invoice-status').getAttribute('data-status'),
        'received',
      );
      assert.equal(await page.getByTestId('action-approve').count(), 0);
      assert.equal(await page.getByTestId('invoice-actions').count(), 0);
      await page.goto(`${BASE_URL}/invoices/new`);
      await page.getByTestId('no-access').waitFor();
      if (shared.id) {
        await page.goto(`${BASE_URL}/invoices/${shared.id}`);
        await page.getByTestId('invoice-status').waitFor();
        const link = page.getByTestId('work-order-link');
        assert.equal(await link.getAttribute('href'), `/maintenance/${shared.wo.id}`);
      }
      await shot(page, '64-invoice-coordinator');
    });
  });

  describe('phone (390 px)', { concurrency: false }, () => {
    let browser;
    let page;
    before(async () => {
      ({ browser, page } = await signedIn({ email: demoLogin('accounting'), viewport: PHONE }));
    });
    after(async () => {
      await browser?.close();
    });

    test('the list, the new-invoice form and the detail fit the phone', async () => {
      await page.goto(`${BASE_URL}/invoices`);
      await page.locator('[data-testid=invoices-table] tbody tr').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await pageWidth(page)) <= PHONE.width, `list is ${await pageWidth(page)} px wide`);
      await shot(page, 'phone-invoices-list');
      await page.goto(`${BASE_URL}/invoices/new`);
      await page.getByTestId('line-items').waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await pageWidth(page)) <= PHONE.width, `form is ${await pageWidth(page)} px wide`);
      await shot(page, 'phone-invoice-new');
      const id = shared.id ?? (await api(page, '/api/v1/invoices/?page_size=1')).results[0].id;
      await page.goto(`${BASE_URL}/invoices/${id}`);
      await page.getByTestId('invoice-status').waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok(
        (await pageWidth(page)) <= PHONE.width,
        `detail is ${await pageWidth(page)} px wide`,
      );
      await shot(page, 'phone-invoice-detail');
    });
  });
});
