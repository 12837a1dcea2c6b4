// Settings → Import (issue 15 §4): a properties CSV with one bad row shows that row's error and writes
// nothing; the corrected file passes the check and is imported. Adds one property without units.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, api, shot, signedIn } from './support.mjs';

const HEADER = 'external_id,name,code,address,city,state,zip_code';
const GOOD = `${HEADER}\nE2E-P1,E2E Import Court,E2EIMP,1 Import Way,Tacoma,WA,98401\n`;
const BAD = `${GOOD}E2E-P2,E2E Import Annex,E2EANX,2 Import Way,Tacoma,Washington,98401\n`;

async function upload(page, text) {
  await page.getByTestId('import-file').setInputFiles({
    name: 'properties.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-preview').waitFor();
}

async function propertyNamed(page, name) {
  const body = await api(page, `/api/v1/properties/?page_size=500`);
  return body.results.find((p) => p.name === name);
}

describe('Portfolio import', { concurrency: false }, () => {
  let s;
  before(async () => {
    s = await signedIn();
  });
  after(async () => {
    await s?.browser.close();
  });

  test('the Settings entry opens the import screen', async () => {
    const { page } = s;
    await page.locator('nav a.nav-item', { hasText: 'Import' }).click();
    await page.waitForURL(/\/settings\/import$/);
    await page.getByTestId('kind-properties').check();
    await page.getByTestId('import-file').waitFor();
  });

  test('a file with one bad row lists the row and writes nothing', async () => {
    const { page } = s;
    await upload(page, BAD);
    const preview = page.getByTestId('import-preview');
    assert.equal(await preview.getAttribute('data-status'), 'invalid');
    const rows = page.getByTestId('import-error-row');
    assert.equal(await rows.count(), 1);
    const cells = await rows.first().locator('td').allInnerTexts();
    assert.equal(cells[0], '3');
    assert.equal(cells[1], 'state');
    assert.match(cells[2], /two-letter state code/);
    assert.equal(await page.getByTestId('import-commit').count(), 0);
    await shot(page, 'import-01-errors');
    assert.equal(await propertyNamed(page, 'E2E Import Court'), undefined);
  });

  test('the corrected file passes the check and is imported', async () => {
    const { page } = s;
    await upload(page, GOOD);
    assert.match(
      await page.getByTestId('preview-ok').innerText(),
      /would create 1, would update 0/,
    );
    await page.getByTestId('import-commit').click();
    await page.getByTestId('result-ok').waitFor();
    assert.match(await page.getByTestId('result-ok').innerText(), /created 1/);
    await shot(page, 'import-02-done');
    // the past-imports list (shared list state) shows the import on top, and filters by result
    await page.getByTestId('import-history-row').first().waitFor();
    assert.match(await page.getByTestId('import-history-row').first().innerText(), /Imported/);
    await page.getByTestId('import-status-filter').selectOption('invalid');
    await page.waitForURL(/status=invalid/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=import-history-row]').length === 1,
    );
    assert.match(await page.getByTestId('import-history-row').first().innerText(), /Has errors/);
    const prop = await propertyNamed(page, 'E2E Import Court');
    assert.ok(prop, 'the imported property is listed');
    assert.equal(prop.code, 'E2EIMP');
  });
});
