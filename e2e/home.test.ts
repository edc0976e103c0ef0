/**
 * The app a user opens (issue 13 §6): a unit officer signs in and lands on the home page in Thai
 * (their unit, their account, recent changes), a wrong current password is told in Thai under its
 * field, an unknown address inside the app keeps the navigation, every page has its title; the
 * home page is photographed on a desktop and on a phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchBrowser, type Browser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { expectHeading, signIn } from './support/ui.js';
import { ensureWebBuilt } from './support/web.js';

const IN_CI = process.env.CI === 'true';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
const ADMIN_PASSWORD = 'e2e-harbour-pass-123';
const DEMO_PASSWORD = 'e2e-demo-pass-123';
const OFFICER = 'officer-BDO';
/** Where the home-page screenshots go for a person to look at (besides e2e/screenshots). */
const SHOTS = process.env.PBIS_SHOTS_DIR ?? '/tmp/shots';
/** An English sentence: three or more English words in a row (a server message leaking through). */
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('home page and Thai errors (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!HAS_CHROMIUM) throw new Error(`chromium is required in CI but ${CHROMIUM} is missing`);
    ensureWebBuilt();
    server = await startServer({ adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD });
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const shot = async (name: string) => {
    const file = await browser.shot(name, true);
    fs.copyFileSync(file, path.join(SHOTS, `${name}.png`));
  };

  it('the sign-in page has its title', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).waitFor();
    await expect.poll(() => page.title()).toBe('เข้าสู่ระบบ · PBIS');
  });

  it('an officer signs in and lands on the home page in Thai', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, OFFICER, DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/');
    await expectHeading(page, 'หน้าแรก');
    await expect.poll(() => page.title()).toBe('หน้าแรก · PBIS');
    for (const title of ['หน่วยงานของฉัน', 'บัญชีของฉัน', 'ความเปลี่ยนแปลงล่าสุดในขอบเขตของฉัน'])
      await expectHeading(page, title);
    await page.getByTestId('home-unit-name').waitFor();
    const account = await page.getByTestId('home-account').innerText();
    expect(account).toContain(OFFICER);
    expect(account).toContain('เจ้าหน้าที่หน่วยรับงบประมาณ');
    await page.getByTestId('home-activity').locator('li, p').first().waitFor();
    const main = await page.locator('#main').innerText();
    expect(main).not.toMatch(ENGLISH_SENTENCE);
    // the navigation: home first, no admin pages for an officer
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'หน้าแรก',
      'องค์กร',
      'หน่วยรับงบประมาณ',
      'แผนปฏิบัติการ',
      'การใช้จ่ายงบประมาณ',
      'โอนเปลี่ยนแปลงงบประมาณ',
      'งบประมาณเทียบผลการใช้จ่าย',
      'ปิดปีงบประมาณ',
      'เปลี่ยนรหัสผ่าน',
    ]);
    await shot('home-desktop');
  });

  it('the home page on a phone: Thai names break between words, the username stays whole', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expectHeading(page, 'หน้าแรก');
    await page.getByTestId('home-unit-name').waitFor();
    // no horizontal scrolling on a phone
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const username = page.getByTestId('home-account').locator('.username').first();
    const box = await username.boundingBox();
    expect(box!.height).toBeLessThan(30); // one line: not cut at the hyphen
    await shot('home-phone');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('a wrong current password is told in Thai under its field', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'เปลี่ยนรหัสผ่าน' }).click();
    await expectHeading(page, 'เปลี่ยนรหัสผ่าน');
    await expect.poll(() => page.title()).toBe('เปลี่ยนรหัสผ่าน · PBIS');
    const current = page.getByRole('textbox', { name: 'รหัสผ่านปัจจุบัน', exact: true });
    await current.fill('not-my-password-42');
    await page
      .getByRole('textbox', { name: 'รหัสผ่านใหม่', exact: true })
      .fill('violet-meadow-river-9');
    await page
      .getByRole('textbox', { name: 'ยืนยันรหัสผ่านใหม่', exact: true })
      .fill('violet-meadow-river-9');
    await page.getByRole('button', { name: 'เปลี่ยนรหัสผ่าน', exact: true }).click();
    // the message sits in the field's own wrapper, under the input
    const fieldError = page
      .locator('.mantine-InputWrapper-root', { has: current })
      .locator('.mantine-InputWrapper-error');
    await fieldError.waitFor();
    expect(await fieldError.innerText()).toBe('รหัสผ่านปัจจุบันไม่ถูกต้อง');
    expect(await page.locator('#main').innerText()).not.toMatch(/current password is wrong/i);
    expect(await page.getByRole('alert').count()).toBe(0);
    await browser.shot('home-field-error');
  });

  it('an unknown address inside the app shows the 404 page and keeps the navigation', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/no-such-page`);
    await page.getByTestId('not-found').waitFor();
    await expectHeading(page, 'ไม่พบหน้าที่ต้องการ');
    await expect.poll(() => page.title()).toBe('ไม่พบหน้าที่ต้องการ · PBIS');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'หน้าแรก', exact: true }).waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(1);
    await page.getByRole('link', { name: 'กลับไปหน้าแรก' }).click();
    await expectHeading(page, 'หน้าแรก');
  });

  it('the audit trail shows who changed whom, in Thai, with names and Buddhist-era dates', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, server.baseUrl, 'admin', ADMIN_PASSWORD);
    // The admin renames an officer (through the API, as the users page would).
    const changed = await page.evaluate(async () => {
      const csrf = /(?:^|; )pbis_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const list = (await (await fetch('/api/v1/users?q=officer-1001')).json()) as {
        items: { id: string; username: string; version: number }[];
      };
      const user = list.items.find((u) => u.username === 'officer-1001')!;
      const res = await fetch(`/api/v1/users/${user.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ displayName: 'นางสาวพรรณี ใจดี', version: user.version }),
      });
      return res.status;
    });
    expect(changed).toBe(200);
    await page.goto(`${server.baseUrl}/audit`);
    await expectHeading(page, 'บันทึกการตรวจสอบ');
    const table = page.getByTestId('audit-table');
    const newest = table.locator('tbody tr').first();
    expect(await newest.innerText()).toMatch(/admin\s*→\s*officer-1001/);
    await newest.getByRole('button', { name: /ดูรายละเอียดรายการ/ }).click();
    const details = page.locator('[id^="audit-detail-"]').first();
    const text = await details.innerText();
    expect(text).toContain('ชื่อที่แสดง');
    expect(text).toContain('นางสาวพรรณี ใจดี');
    const row = await newest.innerText();
    expect(row).toMatch(/25[6-9]\d/); // a Buddhist-era year
    expect(`${row} ${text}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // names, not UUIDs
    expect(`${row} ${text}`).not.toMatch(ENGLISH_SENTENCE);
    // the viewport, not the whole trail: the opened entry at the top
    await page.setViewportSize({ width: 1366, height: 900 });
    fs.copyFileSync(await browser.shot('audit-details'), path.join(SHOTS, 'audit-details.png'));
  });

  it('pages have their own titles', async () => {
    const { page } = browser;
    for (const [link, title] of [
      ['องค์กร', 'โครงสร้างองค์กร · PBIS'],
      ['การใช้จ่ายงบประมาณ', 'การใช้จ่ายงบประมาณ · PBIS'],
      ['หน่วยรับงบประมาณ', 'หน่วยรับงบประมาณ · PBIS'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      // the execution page's reads (forecast, alerts, rankings) may still hold PGlite's one connection
      await expect.poll(() => page.title(), { timeout: 5_000 }).toBe(title);
    }
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.title()).toBe('Receiving units · PBIS');
    await page.getByText('ไทย', { exact: true }).click();
    // the one refusal of this journey is the wrong current password (400)
    expect(browser.problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
