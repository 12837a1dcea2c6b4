// 3.2 Invoice AI in the browser (offline extractor): the manager drops a vendor's PDF invoice on the processing
// queue, watches it being read, opens the side-by-side review (the PDF on the left, the fields on the right with
// the matched work order and a price warning), corrects the invoice number, approves, and finds the cost on the
// work order. Both screens fit a 390 px phone. Adds one approved invoice to the seeded data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, money, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const NUMBER = `AI-${Date.now().toString(36).toUpperCase()}`;
const shared = {};

/** A one-page PDF with a text layer: `items` are [x, y, text, size] in points (Helvetica). */
function textPdf(items) {
  const esc = (t) => t.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');
  const stream = items
    .map(([x, y, t, size = 10]) => `BT /F1 ${size} Tf ${x} ${y} Td (${esc(t)}) Tj ET`)
    .join('\n');
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

function usDate(d) {
  return `${String(d.getMonth() + 1).padStart(2, '0')}/${String(d.getDate()).padStart(2, '0')}/${d.getFullYear()}`;
}

/** The vendor's invoice for `wo`: far above any usual amount (the price check must warn). */
function invoiceFor(wo) {
  const day = new Date(Date.now() - 2 * 86400_000);
  const lines = [
    ['Emergency service call', '1', '450.00', '450.00'],
    ['Labor (hours)', '12', '380.00', '4,560.00'],
    ['Parts and materials', '1', '2,990.00', '2,990.00'],
  ];
  const items = [
    [50, 740, wo.vendor_name, 20],
    [50, 720, '1200 Industrial Pkwy, Springfield'],
    [380, 740, 'INVOICE', 18],
    [380, 712, `Invoice #: ${NUMBER}`],
    [380, 698, `Invoice Date: ${usDate(day)}`],
    [380, 684, `Work Order: ${wo.work_order_number}`],
    [50, 680, 'Bill To:'],
    [50, 666, 'UnitCycle Demo Properties'],
    [50, 630, `Service address: Unit ${wo.unit_number}`],
    [50, 590, 'Description'],
    [330, 590, 'Qty'],
    [400, 590, 'Rate'],
    [500, 590, 'Amount'],
  ];
  lines.forEach(([d, q, r, a], i) => {
    const y = 570 - i * 18;
    items.push([50, y, d], [330, y, q], [400, y, `$${r}`], [500, y, `$${a}`]);
  });
  items.push([400, 490, 'Subtotal'], [500, 490, '$8,000.00']);
  items.push([400, 474, 'Tax'], [500, 474, '$0.00']);
  items.push([400, 458, 'Total Due'], [500, 458, '$8,000.00']);
  items.push([50, 420, 'Terms: Net 30. Thank you for your business!']);
  return textPdf(items);
}

describe('Invoice AI', { concurrency: false }, () => {
  let browser;
  let page;
  before(async () => {
    ({ browser, page } = await signedIn());
    // The picker lists the latest 100 (on the demo: mostly open turnover inspections), so pick the work order
    // from the filtered list first, then take the picker's row for its unit.
    const list = await api(
      page,
      '/api/v1/units/work-orders/?status=completed,in_progress&ordering=-requested_date&page_size=100',
    );
    const pick = list.results.find((w) => w.assigned_vendor);
    assert.ok(pick, 'a work order with a vendor');
    const options = await api(page, `/api/v1/invoices/work-orders/?unit=${pick.unit}`);
    const wo = options.find((w) => w.id === pick.id);
    assert.ok(wo, 'the picker lists it');
    shared.wo = wo;
  });
  after(async () => {
    await browser?.close();
  });

  test('dropping a PDF on the processing queue uploads it and it is read (offline)', async () => {
    await page.goto(page.url().replace(/\/dashboard$/, '/invoices'));
    await page.locator('[data-testid=processing-queue]').click();
    await page.waitForURL(/\/invoices\/processing$/);
    const pdf = invoiceFor(shared.wo).toString('base64');
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'vendor-invoice.pdf', { type: 'application/pdf' }));
      return dt;
    }, pdf);
    await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer: transfer });
    const row = page
      .locator('[data-testid=queue-table] tbody tr', { hasText: 'vendor-invoice.pdf' })
      .first();
    await row.waitFor();
    await page.waitForFunction(
      () => {
        const r = [...document.querySelectorAll('[data-testid=queue-table] tbody tr')].find((tr) =>
          tr.textContent.includes('vendor-invoice.pdf'),
        );
        return r && ['review', 'duplicate', 'flagged'].includes(r.getAttribute('data-stage'));
      },
      null,
      { timeout: 60_000 },
    );
    assert.match(await row.innerText(), new RegExp(NUMBER));
    shared.invoiceId = await row.getAttribute('data-id');
    await shot(page, 'invoice-ai-queue');
  });

  test('the review shows the PDF beside the fields, the matched work order and a price warning', async () => {
    await page
      .locator('[data-testid=queue-table] tbody tr', { hasText: 'vendor-invoice.pdf' })
      .first()
      .locator('a.file')
      .click();
    await page.waitForURL(new RegExp(`/invoices/processing/${shared.invoiceId}$`));
    await page.locator('[data-testid=pdf-frame]').waitFor();
    const number = page.locator('[data-testid=field-invoice-number]');
    await number.waitFor();
    assert.equal(await number.inputValue(), NUMBER);
    const candidates = page.locator('[data-testid=wo-candidates]');
    await candidates
      .locator('label.candidate.on', { hasText: shared.wo.work_order_number })
      .waitFor();
    const warning = page.locator('[data-testid=price-warning]');
    await warning.waitFor();
    assert.match(await warning.innerText(), /above/);
    assert.equal(money(await page.locator('[data-testid=draft-total]').innerText()), 8000);
    await page.waitForTimeout(1500); // the browser's PDF viewer draws the page
    await shot(page, 'invoice-ai-review');
  });

  test('correcting a field and approving writes the invoice and the cost onto the work order', async () => {
    const number = page.locator('[data-testid=field-invoice-number]');
    await number.fill(`${NUMBER}-C`);
    await page.locator('[data-testid=approve]').click();
    await page.waitForURL(new RegExp(`/invoices/${shared.invoiceId}$`));
    await page
      .locator('[data-testid=invoice-status], .page-header', { hasText: `${NUMBER}-C` })
      .first()
      .waitFor();
    const invoice = await api(page, `/api/v1/invoices/${shared.invoiceId}/`);
    assert.equal(invoice.status, 'approved');
    assert.equal(invoice.invoice_number, `${NUMBER}-C`);
    assert.equal(invoice.work_order, shared.wo.id);
    await page.goto(page.url().replace(/\/invoices\/.*$/, `/maintenance/${shared.wo.id}`));
    const actual = page.locator('[data-testid=wo-actual]');
    await actual.waitFor();
    const wo = await api(page, `/api/v1/units/work-orders/${shared.wo.id}/`);
    assert.ok(Number(wo.actual_cost) >= 8000, `actual cost ${wo.actual_cost}`);
    assert.equal(money(await actual.innerText()), Number(wo.actual_cost));
    await shot(page, 'invoice-ai-work-order-cost');
  });

  test('the queue and the review fit a phone', async () => {
    const phone = await signedIn({ viewport: PHONE });
    try {
      const base = phone.page.url().replace(/\/dashboard$/, '');
      await phone.page.goto(`${base}/invoices/processing?x=1`);
      await phone.page.locator('[data-testid=dropzone]').waitFor();
      await phone.page.locator('[data-testid=stage-chips]').waitFor();
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width + 1, `queue is ${width}px wide`);
      await shot(phone.page, 'invoice-ai-queue-phone');
      await phone.page.goto(`${base}/invoices/processing/${shared.invoiceId}`);
      await phone.page.locator('[data-testid=fields]').waitFor();
      await phone.page.locator('[data-testid=field-invoice-number]').waitFor();
      const w2 = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w2 <= PHONE.width + 1, `review is ${w2}px wide`);
      await shot(phone.page, 'invoice-ai-review-phone');
    } finally {
      await phone.browser.close();
    }
  });
});
