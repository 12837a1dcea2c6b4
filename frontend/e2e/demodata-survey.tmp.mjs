// Temporary (not committed): visits every nav entry as the demo manager and screenshots it, with the page text.
import { writeFileSync } from 'node:fs';
import { signedIn, BASE_URL } from './support.mjs';

const PATHS = (process.env.PATHS || '/dashboard /properties /portfolio/command-center /chat /portfolio/bulk-actions /lifecycle /renewals /pricing /communications /messages /maintenance /turnover /vendors /predictive-maintenance /equipment /collections /invoices /invoices/processing /settings/import /rules /account/devices /notifications').split(' ');
const OUT = process.env.OUT || '/tmp/demodata-survey';
const { browser, page } = await signedIn();
const report = {};
for (const p of PATHS) {
  const name = p.replace(/\//g, '_').replace(/^_/, '') || 'root';
  try {
    await page.goto(`${BASE_URL}${p}`);
    await page.waitForLoadState('networkidle', { timeout: 20000 }).catch(() => {});
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: false });
    const text = await page.locator('main, body').first().innerText();
    report[p] = text.slice(0, 1500);
    console.log('OK', p);
  } catch (e) {
    report[p] = 'ERROR ' + e.message;
    console.log('ERR', p, e.message);
  }
}
writeFileSync(`${OUT}/report.json`, JSON.stringify(report, null, 1));
await browser.close();
