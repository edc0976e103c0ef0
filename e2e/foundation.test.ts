/**
 * The foundation journey through the real UI and server (issue 3): admin signs in, sees units in
 * Thai order, switches language, creates a unit officer, unlocks an account locked by failed
 * sign-ins; the officer signs in, changes the temporary password and is refused the admin pages
 * (the no-access page, and 403 from the API).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { columnTexts, eventually, expectHeading, signIn } from './support/ui.js';
import { ensureWebBuilt } from './support/web.js';

const IN_CI = process.env.CI === 'true';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
const ADMIN_PASSWORD = 'e2e-harbour-pass-123';
const DEMO_PASSWORD = 'e2e-demo-pass-123';
const OFFICER = `e2e-officer-${Date.now().toString(36)}`;
const OFFICER_NEW_PASSWORD = 'officer-new-pass-123';
const LOCKED = 'analyst6';
const thai = new Intl.Collator('th');
const thaiDateTime = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
  timeZone: 'Asia/Bangkok',
  dateStyle: 'medium',
  timeStyle: 'short',
});

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('foundation journey (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let temporaryPassword = '';
  const timings: Record<string, number> = {};
  const started = Date.now();

  beforeAll(async () => {
    if (!HAS_CHROMIUM)
      throw new Error(
        `chromium is required in CI but ${CHROMIUM} is missing (apt-get install -y chromium)`,
      );
    let t = Date.now();
    ensureWebBuilt();
    timings.build = Date.now() - t;
    t = Date.now();
    server = await startServer({ adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD });
    timings.serverStart = Date.now() - t;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    timings.total = Date.now() - started;
    console.log(`e2e foundation timings (ms): ${JSON.stringify(timings)}`);
  });

  it('admin signs in (Thai first) and sees the organisation', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
    await browser.shot('01-sign-in');
    await signIn(page, server.baseUrl, 'admin', ADMIN_PASSWORD);
    // sign-in lands on the home page; the organisation is one click away
    await expectHeading(page, 'หน้าแรก');
    await page.getByRole('navigation').getByRole('link', { name: 'องค์กร', exact: true }).click();
    await expectHeading(page, 'โครงสร้างองค์กร');
    expect(await page.getByTestId('current-role').innerText()).toBe('ผู้ดูแลระบบ');
    for (const no of [1, 2, 3, 4, 5, 6])
      await page.getByTestId(`analysis-division-${no}`).waitFor();
    expect(await page.getByTestId('analysis-division-1').innerText()).toContain('สำนักงานเขตพญาไท');
    await browser.shot('02-organisation');
  });

  it('lists receiving units in Thai dictionary order, searches and re-sorts them', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'หน่วยรับงบประมาณ', exact: true }).click();
    await page.getByTestId('units-table').waitFor();
    const names = await columnTexts(page, 'units-table', 2);
    expect(names.length).toBe(71);
    expect(names.slice(0, 15)).toEqual([...names].sort(thai.compare).slice(0, 15));
    expect(names).toEqual([...names].sort(thai.compare));
    await browser.shot('03-units-thai-order');

    await page.getByRole('button', { name: 'ชื่อภาษาไทย' }).click();
    await page.waitForURL(/order=desc/);
    const desc = await eventually(
      () => columnTexts(page, 'units-table', 2),
      (v) => v[0] !== names[0],
    );
    expect(desc).toEqual([...names].reverse());

    await page.getByRole('searchbox', { name: 'ค้นหา' }).fill('บางรัก');
    const found = await eventually(
      () => columnTexts(page, 'units-table', 2),
      (v) => v.length < names.length,
    );
    // the search forgives near misses, so neighbours may come too; the unit asked for is there
    expect(found).toContain('สำนักงานเขตบางรัก');
    expect(found.length).toBeLessThan(10);
    expect(page.url()).toContain('q=');
    await browser.shot('04-units-search');
  });

  it('switches the language to English and keeps it after a reload', async () => {
    const { page } = browser;
    await page.getByText('English', { exact: true }).click();
    await expectHeading(page, 'Receiving units');
    await page.getByRole('link', { name: 'Users', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('current-role').innerText()).toBe('Administrator');
    await page.reload();
    await expectHeading(page, 'Receiving units');
    await browser.shot('05-units-english');
    await page.getByText('ไทย', { exact: true }).click();
    await expectHeading(page, 'หน่วยรับงบประมาณ');
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
  });

  it('admin creates a unit officer and gets a one-time temporary password', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'ผู้ใช้งาน', exact: true }).click();
    await page.getByTestId('users-table').waitFor();
    await page.getByRole('button', { name: 'เพิ่มผู้ใช้งาน' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'ชื่อผู้ใช้', exact: true }).fill(OFFICER);
    await dialog
      .getByRole('textbox', { name: 'ชื่อที่แสดง', exact: true })
      .fill('เจ้าหน้าที่ทดสอบ เขตบางรัก');
    expect(await dialog.getByRole('combobox', { name: 'บทบาท', exact: true }).inputValue()).toBe(
      'เจ้าหน้าที่หน่วยรับงบประมาณ',
    );
    const unit = dialog.getByRole('combobox', { name: 'หน่วยรับงบประมาณ', exact: true });
    await unit.click();
    await unit.fill('บางรัก');
    await page.getByRole('option', { name: /สำนักงานเขตบางรัก/ }).click();
    await browser.shot('06-create-officer');
    await dialog.getByRole('button', { name: 'บันทึก', exact: true }).click();
    temporaryPassword = (await page.getByTestId('temporary-password').innerText()).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    await browser.shot('07-temporary-password');
    await page.getByRole('dialog').getByRole('button', { name: 'ปิด', exact: true }).last().click();
    const row = page.getByTestId('users-table').locator('tr', { hasText: OFFICER });
    await row.waitFor();
    expect(await row.innerText()).toContain('สำนักงานเขตบางรัก');
  });

  it('ten failed sign-ins from several clients lock a demo account; admin sees the badge and unlocks it', async () => {
    const { page, context } = browser;
    const login = (password: string, client = '203.0.113.1') =>
      fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ username: LOCKED, password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await login('wrong-password-123', `203.0.113.${10 + i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 423]);

    await page.getByRole('searchbox', { name: 'ค้นหาผู้ใช้' }).fill(LOCKED);
    const badge = page.getByTestId(`locked-${LOCKED}`);
    await badge.waitFor();
    const listed = await context.request.get(`${server.baseUrl}/api/v1/users?q=${LOCKED}`);
    const lockedUntil: string = (await listed.json()).items[0].lockedUntil;
    expect(new Date(lockedUntil).getTime()).toBeGreaterThan(Date.now());
    expect(await badge.innerText()).toBe(`ล็อกอยู่ถึง ${thaiDateTime.format(new Date(lockedUntil))}`);
    await browser.shot('07b-locked-account');

    const more = page.getByRole('button', { name: `การดำเนินการเพิ่มเติมของ ${LOCKED}` });
    await more.click();
    await page.getByRole('menuitem', { name: 'ปลดล็อกบัญชี', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `ปลดล็อกบัญชี ${LOCKED} แล้ว` })
      .waitFor();
    await badge.waitFor({ state: 'detached' });
    await more.click();
    await page.getByRole('menuitem', { name: 'รีเซ็ตรหัสผ่าน', exact: true }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'ปลดล็อกบัญชี' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect((await login(DEMO_PASSWORD)).status).toBe(200);
    await page.getByRole('searchbox', { name: 'ค้นหาผู้ใช้' }).fill('');
  });

  it('the officer signs in, must change the password, and is refused the admin pages', async () => {
    const { page, context } = browser;
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await page.waitForURL(/\/login/);

    await signIn(page, server.baseUrl, OFFICER, temporaryPassword);
    await page.getByTestId('must-change-password').waitFor();
    await browser.shot('08-officer-must-change-password');
    await page.getByRole('textbox', { name: 'รหัสผ่านปัจจุบัน', exact: true }).fill(temporaryPassword);
    // the core's password policy, in Thai, before anything is sent
    await page.getByRole('textbox', { name: 'รหัสผ่านใหม่', exact: true }).fill('1234567890');
    await page.getByRole('button', { name: 'เปลี่ยนรหัสผ่าน', exact: true }).click();
    await page.getByText('รหัสผ่านต้องไม่เป็นตัวอักษรหรือตัวเลขเรียงกัน', { exact: false }).waitFor();
    await browser.shot('08b-weak-password-refused');
    await page.getByRole('textbox', { name: 'รหัสผ่านใหม่', exact: true }).fill(OFFICER_NEW_PASSWORD);
    await page
      .getByRole('textbox', { name: 'ยืนยันรหัสผ่านใหม่', exact: true })
      .fill(OFFICER_NEW_PASSWORD);
    await page.getByRole('button', { name: 'เปลี่ยนรหัสผ่าน', exact: true }).click();
    // the home page, with the message that the password was changed
    await expectHeading(page, 'หน้าแรก');
    expect(await page.getByTestId('flash').innerText()).toContain('เปลี่ยนรหัสผ่านเรียบร้อยแล้ว');
    expect(await page.getByTestId('current-role').innerText()).toBe('เจ้าหน้าที่หน่วยรับงบประมาณ');
    await page.getByRole('navigation').getByRole('link', { name: 'องค์กร', exact: true }).click();
    await expectHeading(page, 'โครงสร้างองค์กร');
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'ผู้ใช้งาน', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'บันทึกการตรวจสอบ', exact: true }).count()).toBe(0);
    await browser.shot('09-officer-organisation');

    for (const path of ['/users', '/audit', '/periods']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByTestId('forbidden').innerText()).toContain('ไม่มีสิทธิ์เข้าถึง');
    }
    await browser.shot('10-officer-no-access');

    for (const path of ['/api/v1/users', '/api/v1/audit', '/api/v1/audit/verify']) {
      const res = await context.request.get(`${server.baseUrl}${path}`);
      expect(res.status(), path).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    const me = await context.request.get(`${server.baseUrl}/api/v1/auth/me`);
    expect((await me.json()).user.username).toBe(OFFICER);
    expect(browser.problems).toEqual([]);
  });

  it('wrong passwords from one computer are throttled, told in Thai, without locking the account', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await page.waitForURL(/\/login/);
    const user = page.getByRole('textbox', { name: 'ชื่อผู้ใช้', exact: true });
    const pass = page.getByRole('textbox', { name: 'รหัสผ่าน', exact: true });
    const submit = page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true });
    for (let i = 1; i <= 5; i++) {
      await user.fill('executive');
      await pass.fill(`not-the-password-${i}`);
      await submit.click();
      const expected = i < 5 ? 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง' : 'ใส่รหัสผ่านผิดหลายครั้งจากเครื่องนี้';
      await page.getByText(expected, { exact: false }).waitFor();
    }
    await browser.shot('11-sign-in-throttled');
    // another client signs in as executive: the account was not locked
    const other = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.20' },
      body: JSON.stringify({ username: 'executive', password: DEMO_PASSWORD }),
    });
    expect(other.status).toBe(200);
    expect(browser.problems.filter((p) => !/status of 401|status of 429/.test(p))).toEqual([]);
  });
});
