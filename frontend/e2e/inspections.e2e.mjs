// 3.1 Move-out photo AI in the browser (offline): the manager starts an inspection of a vacated unit that has
// earlier photos, uploads photos for three rooms, runs the analysis, sees every photo `needs review` with its
// quality notes (the blurry bedroom: retake) and the change overlay on the living room, adds a damage item,
// finalizes, and finds the deduction on the turnover case. Both screens fit a phone. Adds one finalized
// inspection (and its deduction) to the seeded data.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { api, money, shot, signedIn } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const FIXTURES = join(import.meta.dirname, 'fixtures');
const shared = {};

describe('Move-out inspections', { concurrency: false }, () => {
  let browser;
  let page;
  before(async () => {
    ({ browser, page } = await signedIn());
    shared.base = page.url().replace(/\/dashboard$/, '');
  });
  after(async () => {
    await browser?.close();
  });

  test('the list shows the seeded inspections', async () => {
    await page.goto(`${shared.base}/inspections`);
    const table = page.locator('[data-testid=inspections-table]');
    await table.waitFor();
    assert.ok((await table.locator('tbody tr').count()) >= 3);
    await shot(page, 'inspections-list');
  });

  test('create an inspection and upload photos for three rooms', async () => {
    await page.locator('[data-testid=new-inspection]').click();
    await page.waitForURL(/\/inspections\/new$/);
    const candidate = page
      .locator('[data-testid=candidates] label', { hasText: 'Earlier photos' })
      .first();
    await candidate.waitFor();
    shared.unit = (await candidate.locator('strong').innerText()).replace('Unit ', '');
    await candidate.locator('input[type=radio]').check();
    await page.locator('[data-testid=inspector-name]').fill('J. Smith');
    await shot(page, 'inspections-new');
    await page.locator('[data-testid=create-inspection]').click();
    for (const [room, file] of [
      ['living_room', 'inspection-living-room.jpg'],
      ['kitchen', 'inspection-kitchen.jpg'],
      ['bedroom_1', 'inspection-bedroom.jpg'],
    ]) {
      await page.locator(`[data-testid=room-input-${room}]`).setInputFiles(join(FIXTURES, file));
      await page.locator(`[data-testid=room-count-${room}]`, { hasText: '1 photo' }).waitFor();
    }
    assert.match(await page.locator('[data-testid=uploaded-count]').innerText(), /3 uploaded/);
    await shot(page, 'inspections-upload');
  });

  test('the offline analysis leaves every photo for review, with quality notes and a change overlay', async () => {
    await page.locator('[data-testid=run-analysis]').click();
    await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
    shared.id = page.url().split('/').pop();
    await page.locator('[data-testid=count-review]', { hasText: '3' }).waitFor({ timeout: 60_000 });
    const tiles = page.locator('[data-testid=photo-tile]');
    assert.equal(await tiles.count(), 3);
    for (const c of await page.locator('[data-testid=photo-class]').allInnerTexts()) {
      assert.equal(c.trim(), 'Needs review');
    }
    for (const p of await page.locator('[data-testid=photo-provider]').allInnerTexts()) {
      assert.equal(p.trim(), 'Offline measure');
    }
    await shot(page, 'inspections-detail');
    // the blurry bedroom: a retake, with what was measured
    await page.locator('[data-room=bedroom_1] [data-testid=photo-tile]').click();
    const desc = page.locator('[data-testid=lightbox-description]');
    await desc.waitFor();
    assert.match(await desc.innerText(), /blurry/);
    await page.locator('[data-testid=lightbox-close]').click();
    // the living room: compared with the earlier photo, the changed regions overlaid
    await page.locator('[data-room=living_room] [data-testid=photo-tile]').click();
    assert.match(await desc.innerText(), /structural similarity/);
    await page.locator('[data-testid=overlay-toggle]').waitFor();
    const src = await page.locator('[data-testid=lightbox-image]').getAttribute('src');
    const detail = await api(page, `/api/v1/inspections/${shared.id}/`);
    const living = detail.photos.find((p) => p.room === 'living_room');
    // signed URLs are fresh per response: compare the file they name (the token's first part)
    const fileOf = (url) => decodeURIComponent(url).split('/signed/')[1].split(':')[0];
    assert.ok(living.overlay_url, 'an overlay was stored');
    assert.equal(fileOf(src), fileOf(living.overlay_url), 'the overlay is shown');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=lightbox-image]')?.complete,
    );
    await shot(page, 'inspections-lightbox-overlay', { fullPage: false });
  });

  test('a damage item gets the table midpoint; finalize writes it on the turnover case', async () => {
    await page.locator('[data-testid=item-text]').fill('Carpet stain by the window');
    await page.locator('[data-testid=item-category]').selectOption('floor_damage');
    await page.locator('[data-testid=item-severity]').selectOption('moderate');
    await page.locator('[data-testid=add-item]').click();
    const item = page.locator('[data-testid=damage-item]', { hasText: 'Carpet stain' });
    await item.waitFor();
    assert.equal(await item.locator('[data-testid=item-cost]').inputValue(), '275.00');
    await page.locator('[data-testid=lightbox-close]').click();
    await page.locator('[data-testid=count-damage]', { hasText: '1' }).waitFor();
    assert.equal(money(await page.locator('[data-testid=total-damage]').innerText()), 275);
    await page.locator('[data-testid=finalize]').click();
    await page.locator('[data-testid=finalized-note]').waitFor();
    await shot(page, 'inspections-finalized');
    await page.locator('[data-testid=turnover-link]').click();
    await page.waitForURL(/\/turnover\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=case-inspection]').waitFor();
    const caseId = page.url().split('/').pop();
    const tcase = await api(page, `/api/v1/turnover/${caseId}/`);
    const deduction = tcase.deductions.find((d) => d.description.startsWith('Carpet stain'));
    assert.ok(deduction, 'the deduction is on the case');
    assert.equal(Number(deduction.amount), 275);
    assert.equal(deduction.approved, true);
    await page.locator('text=Carpet stain by the window').first().waitFor();
    await shot(page, 'inspections-turnover-case');
    // finalize again is refused
    const again = await page.evaluate(async (id) => {
      const token = localStorage.getItem('unitcycle.token');
      const res = await fetch(`/api/v1/inspections/${id}/finalize/`, {
        method: 'POST',
        headers: { Authorization: `Token ${token}` },
      });
      return res.status;
    }, shared.id);
    assert.equal(again, 409);
  });

  test('the letter preview states the deduction', async () => {
    await page.goto(`${shared.base}/inspections/${shared.id}`);
    await page.locator('[data-testid=generate-letter]').click();
    await page.waitForURL(/\/letter$/);
    const preview = page.locator('[data-testid=letter-preview]');
    await preview.waitFor();
    assert.match(await preview.innerText(), /\$275\.00/);
    await shot(page, 'inspections-letter');
  });

  test('the detail and the new screen fit a phone', async () => {
    const phone = await signedIn({ viewport: PHONE });
    try {
      await phone.page.goto(`${shared.base}/inspections/${shared.id}`);
      await phone.page.locator('[data-testid=photo-tile]').first().waitFor();
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width + 1, `detail is ${width}px wide`);
      await shot(phone.page, 'inspections-detail-phone');
      await phone.page.goto(`${shared.base}/inspections/new`);
      await phone.page.locator('[data-testid=create-inspection]').waitFor();
      const w2 = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w2 <= PHONE.width + 1, `new is ${w2}px wide`);
      await shot(phone.page, 'inspections-new-phone');
    } finally {
      await phone.browser.close();
    }
  });
});
