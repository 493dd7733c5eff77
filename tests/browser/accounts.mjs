// Drives Debian's chromium (playwright-core) through the accounts of a running `hailong serve`:
// a commune account signs in on a phone, is kept to its commune (page and upload), signs out;
// a province account adds an account at 1366×768; and a page of another site reaching a
// server without sign-in under its own name (DNS rebinding: evil.example resolving to this
// machine) is refused. Prints one JSON object for tests/accounts.rs, collects every message
// the browser gives about the Content-Security-Policy, and saves screenshots into the folder.
//
//   node accounts.mjs ACCOUNTS_BASE_URL OPEN_SERVER_PORT OTHER_COMMUNE_FILE SCREENSHOT_DIR
import { chromium } from 'playwright-core';

const [base, openPort, otherFile, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP evil.example 127.0.0.1'],
});
const out = { csp: [] };
// Violations are reported on the console ("Refused to … because it violates … Content
// Security Policy"), with the page they happened on.
const watch = (page) => page.on('console', (m) => {
  if (/Content Security Policy/i.test(m.text())) {
    out.csp.push(`${new URL(page.url()).pathname}: ${m.text()}`);
  }
});
const signIn = async (page, name, password, remember) => {
  await page.fill('#name', name);
  await page.fill('#password', password);
  if (remember) { await page.check('input[name=remember]'); }
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
};
try {
  // A commune officer on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  watch(page);
  let r = await page.goto(base + '/xa/chieng%20mung');
  out.sign_in_status = r.status();
  out.sign_in_title = await page.textContent('h1');
  await page.screenshot({ path: `${shots}/sign-in-phone.png`, fullPage: true });
  await signIn(page, 'chieng-mung', 'mat-khau-xa', true);
  out.after_sign_in = new URL(page.url()).pathname;
  const c = (await phone.cookies()).find((k) => k.name === 'hailong_session');
  out.cookie = {
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    days: Math.round((c.expires - Date.now() / 1000) / 86400),
  };
  r = await page.goto(base + '/xa/muong%20bu');
  out.other_status = r.status();
  out.other_text = await page.textContent('main');
  await page.goto(base + '/nhap');
  await page.setInputFiles('input[name=files]', otherFile);
  await Promise.all([
    page.waitForSelector('#report', { timeout: 60000 }),
    page.click('main form button[type=submit]'),
  ]);
  out.upload_report = await page.textContent('#report');
  await page.goto(base + '/tai-khoan');
  out.account_text = await page.textContent('main');
  await page.screenshot({ path: `${shots}/account-phone.png`, fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('form[action="/dang-xuat"] button')]);
  out.after_sign_out_status = (await page.goto(base + '/xa/chieng%20mung')).status();

  // The province's administrator at 1366×768 adds an account.
  const desk = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const admin = await desk.newPage();
  watch(admin);
  await admin.goto(base + '/tai-khoan');
  await signIn(admin, 'tinh', 'mat-khau-tinh', false);
  out.admin_landing = new URL(admin.url()).pathname;
  await admin.fill('#name', 'muong-bu');
  await admin.selectOption('#role', 'commune');
  await admin.fill('#commune', 'Mường Bú');
  await admin.fill('#password', 'mat-khau-mb');
  await admin.fill('#password2', 'mat-khau-mb');
  await Promise.all([admin.waitForNavigation(), admin.click('form[action="/tai-khoan/them"] button')]);
  out.added = await admin.textContent('main');
  out.accounts_rows = await admin.locator('#accounts tbody tr').count();
  await admin.screenshot({ path: `${shots}/accounts.png`, fullPage: true });

  // Another site's name for this machine, on a server without sign-in.
  const rebound = await browser.newPage();
  r = await rebound.goto(`http://evil.example:${openPort}/`);
  out.rebinding_status = r.status();
  out.rebinding_text = await rebound.textContent('main');
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
