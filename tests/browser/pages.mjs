// Drives Debian's chromium (playwright-core, executablePath /usr/bin/chromium) through the pages
// of a running `hailong serve`, as issue 23's acceptance asks, and prints one JSON object for
// tests/browser.rs to assert on:
//   - every page at 390×844 and 1366×768: how far it scrolls sideways, its scripts, any dialog
//     (a script injected through the data would open one), its chart's smallest label in px;
//   - the province list: a unit that sent nothing, the search box narrowing as you type;
//   - the template form on a phone: a commune found by its former name, three areas typed, one
//     added with "Thêm bản", the workbook downloaded; then a malformed area and its error;
//   - an upload through the page: its reading, nothing stored, then "Lưu";
//   - the English page, and how long the language is remembered.
// Screenshots of each page at both sizes go to the folder given (the first two screens of a
// page).
//
// A second server whose limits are 1 MB shows the upload's refusals in the page: a file too
// large (said before sending, with the limit in MB), and a dropped connection (said in words,
// the buttons disabled while sending and given back).
//
// A third server holds the commune whose data and form hold a script.
//
//   node pages.mjs BASE_URL UPLOAD_FILE SCREENSHOT_DIR DOWNLOAD_DIR LIMITED_BASE_URL INJECTED_BASE_URL
import { chromium } from 'playwright-core';

const [base, uploadFile, shots, downloads, limited, injected] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const SIZES = [[390, 844], [1366, 768]];
const out = { pages: {}, dialogs: [] };

async function open(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('dialog', async (d) => { out.dialogs.push(d.message()); await d.dismiss(); });
  return page;
}

// What a page looks like at this size: sideways scroll, scripts, text, the chart's labels.
async function look(page, name) {
  const [w, h] = [page.viewportSize().width, page.viewportSize().height];
  const seen = await page.evaluate(() => {
    const el = document.documentElement;
    const labels = Array.from(document.querySelectorAll('.chart svg'))
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const sizes = Array.from(svg.querySelectorAll('text')).map((t) => Number(t.getAttribute('font-size')));
        return Math.min(...sizes) * scale;
      });
    return {
      overflow: el.scrollWidth - el.clientWidth,
      height: el.scrollHeight,
      scripts: Array.from(document.scripts).map((s) => s.getAttribute('src') || 'inline'),
      inline_handlers: Array.from(document.querySelectorAll('*'))
        .filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on') || a.name === 'style')).length,
      text: document.body.innerText,
      chart_label_px: labels.length ? Math.min(...labels) : null,
    };
  });
  await page.screenshot({
    path: `${shots}/${name}-${w}.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width: w, height: Math.min(seen.height, 2 * h) },
  });
  out.pages[`${name}-${w}`] = seen;
  return seen;
}

const PAGES = [
  ['province', base + '/'],
  ['commune', base + '/xa/chieng%20mung'],
  ['upload', base + '/nhap'],
  ['template', base + '/mau'],
  ['injected-province', injected + '/'],
  ['injected', injected + '/xa/chieng%20hac'],
  // A commune's name holding a script, typed in the address.
  ['error', injected + '/xa/' + encodeURIComponent("<script>alert('hailong')</script>")],
];

try {
  const pages = {};
  for (const [w, h] of SIZES) {
    const page = await open(w, h);
    pages[w] = page;
    for (const [name, url] of PAGES) {
      await page.goto(url);
      await look(page, name);
    }
  }
  const phone = pages[390];
  const wide = pages[1366];

  // Printed: the date shown, the navigation and forms left out.
  await wide.goto(base + '/xa/chieng%20mung');
  await wide.emulateMedia({ media: 'print' });
  out.printed = await wide.evaluate(() => ({
    date: getComputedStyle(document.querySelector('.print-date')).display !== 'none'
      ? document.querySelector('.print-date').textContent : null,
    header: getComputedStyle(document.querySelector('body > header')).display,
  }));
  await wide.emulateMedia({ media: 'screen' });

  // The province list: a unit that sent nothing, and the search box as you type.
  await wide.goto(base + '/');
  out.province_title = await wide.textContent('h1');
  out.province_rows = await wide.locator('#communes tbody tr').count();
  out.nothing_sent = await wide.locator('#communes tbody tr[data-verdict=chua-gui]', { hasText: 'Xã Chiềng Sơn' }).innerText();
  await wide.fill('#q', 'muong bon');
  out.found_by_former_name = await wide.locator('#communes tbody tr:visible').allInnerTexts();
  out.shown_count = await wide.textContent('#shown-count');

  // The template form on a phone.
  await phone.goto(base + '/mau');
  await phone.fill('#commune-find', 'Mường Bon');
  out.template_commune = await phone.inputValue('#commune');
  const areas = [['Bản Nà Sản', '120'], ['Bản Co Muông', '1.200'], ['Bản Hụm', '95']];
  for (let i = 0; i < areas.length; i++) {
    await phone.fill(`#ten-${i + 1}`, areas[i][0]);
    await phone.fill(`#ho-${i + 1}`, areas[i][1]);
  }
  await phone.click('button[data-add-row]');
  out.area_rows_after_add = await phone.locator('.area-row').count();
  out.added_row_focused = await phone.evaluate(() => document.activeElement.id);
  const [download] = await Promise.all([
    phone.waitForEvent('download', { timeout: 60000 }),
    phone.click('#so-nhap-phieu .actions button[type=submit]'),
  ]);
  out.download_name = download.suggestedFilename();
  await download.saveAs(`${downloads}/so-nhap-phieu.xlsx`);
  await phone.goto(base + '/mau');
  await phone.selectOption('#commune', 'Xã Chiềng Mung');
  await phone.fill('#ten-1', 'Bản Nà Sản 120');
  await Promise.all([
    phone.waitForURL(/so-nhap-phieu/),
    phone.click('#so-nhap-phieu .actions button[type=submit]'),
  ]);
  out.malformed_error = await phone.textContent('#ten-1-error');
  out.malformed_invalid = await phone.getAttribute('#ten-1', 'aria-invalid');
  await look(phone, 'template-errors');
  await wide.goto(phone.url());
  await look(wide, 'template-errors');

  // An upload through the page: its reading first, stored only on "Lưu".
  const communes = async (page) => page.evaluate(async () =>
    (await (await fetch('/api/communes')).json()).communes.map((c) => c.commune));
  await wide.goto(base + '/nhap');
  await wide.setInputFiles('input[name=files]', uploadFile);
  await Promise.all([
    wide.waitForURL(/\/nhap\/[0-9a-f]{32}$/, { timeout: 60000 }),
    wide.click('form[data-upload] button[type=submit]'),
  ]);
  const reading = wide.url();
  out.reading_status = await wide.textContent('#upload-status');
  out.reading_file = await wide.textContent('#report .file .verdict');
  out.communes_before_store = await communes(wide);
  await look(wide, 'reading');
  await phone.goto(reading);
  await look(phone, 'reading');
  await Promise.all([
    wide.waitForURL(reading),
    wide.click('form[data-busy] button[type=submit]'),
  ]);
  out.stored_status = await wide.textContent('#upload-status');
  out.communes_after_store = await communes(wide);
  await look(wide, 'stored');
  await phone.goto(reading);
  await look(phone, 'stored');
  await wide.click('#report a');
  out.uploaded_verdict = await wide.textContent('#verdict');

  // Too large, said before sending; a dropped connection, said after.
  const small = await open(390, 844);
  await small.goto(limited + '/nhap');
  const status = 'form[data-upload] .status';
  const button = 'form[data-upload] button[type=submit]';
  await small.setInputFiles('input[name=files]', {
    name: 'lon.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(2 * 1048576 + 1),
  });
  await small.click(button);
  out.too_large = await small.textContent(status);
  let release;
  const held = new Promise((r) => { release = r; });
  await small.route('**/nhap', async (route) => {
    if (route.request().method() !== 'POST') { return route.continue(); }
    await held;
    await route.abort('connectionreset');
  });
  await small.setInputFiles('input[name=files]', uploadFile);
  await small.click(button);
  await small.waitForFunction((s) => document.querySelector(s).textContent.length > 0, status);
  out.disabled_while_sending = await small.isDisabled(button);
  release();
  await small.waitForFunction((s) => document.querySelector(s).classList.contains('error'), status);
  out.connection_lost = await small.textContent(status);
  out.enabled_after = await small.isEnabled(button);
  await look(small, 'upload-lost');

  // English, remembered.
  await phone.goto(base + '/?lang=en');
  out.english_title = await phone.textContent('h1');
  const cookie = (await phone.context().cookies()).find((c) => c.name === 'hailong_lang');
  out.language_remembered_days = cookie ? Math.round((cookie.expires - Date.now() / 1000) / 86400) : null;
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
