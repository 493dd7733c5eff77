// Drives Debian's chromium (playwright-core, executablePath /usr/bin/chromium) through the pages
// of a running `hailong serve`: province page, a commune page, an upload through the page's own
// form, then the commune uploaded. Prints one JSON object for tests/browser.rs to assert on, and
// saves a screenshot of each page into the folder given.
//
//   node pages.mjs BASE_URL UPLOAD_FILE SCREENSHOT_DIR
import { chromium } from 'playwright-core';

const [base, uploadFile, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const out = {};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + '/');
  out.province_title = await page.textContent('h1');
  out.province_rows = await page.locator('tbody tr').count();
  out.chart = await page.locator('svg[role=img]').count();
  await page.screenshot({ path: `${shots}/province.png`, fullPage: true });

  await page.click('tbody tr:first-child a');
  out.commune_verdict = await page.textContent('#verdict');
  out.commune_readiness = await page.textContent('#readiness');
  await page.screenshot({ path: `${shots}/commune.png`, fullPage: true });

  await page.goto(base + '/nhap');
  await page.setInputFiles('input[name=files]', uploadFile);
  await Promise.all([
    page.waitForSelector('#report', { timeout: 60000 }),
    page.click('button[type=submit]'),
  ]);
  out.upload_report = await page.textContent('#report');
  await page.screenshot({ path: `${shots}/upload.png`, fullPage: true });
  // The report links to the uploaded commune's page, which states its verdict.
  await page.click('#report a');
  out.uploaded_verdict = await page.textContent('#verdict');

  await page.goto(base + '/');
  out.province_rows_after = await page.locator('tbody tr').count();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(base + '/?lang=en');
  out.english_title = await phone.textContent('h1');
  await phone.screenshot({ path: `${shots}/province-phone-en.png`, fullPage: true });
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
