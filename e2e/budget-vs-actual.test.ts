/**
 * Budget vs actual in the browser (issue 15 "Screens"): the Budget Office drills down from the
 * BMA to an analysis division, a unit, a programme, a project, an expense category and a line, and
 * sees the line's documents; the breadcrumbs go back up; the report downloads as PDF. Screenshots
 * for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { expectHeading, signIn } from './support/ui.js';
import {
  DEMO_PASSWORD,
  ENGLISH_SENTENCE,
  HAS_CHROMIUM,
  IN_CI,
  closeJourney,
  keepShot,
  openJourney,
} from './support/journey.js';

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('budget vs actual page (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  const shot = (name: string) => keepShot(browser, name);

  it('the Budget Office drills down from the BMA to a line and its documents, and back', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'งบประมาณเทียบผลการใช้จ่าย' }).first().click();
    await expectHeading(page, 'งบประมาณเทียบกับผลการใช้จ่าย');
    const crumbs = page.getByRole('navigation', { name: 'ตำแหน่งในลำดับชั้นงบประมาณ' });
    const open = async (name: RegExp) => {
      const row = page.getByRole('row', { name }).first();
      await row.waitFor();
      await row.click();
    };
    await page.getByRole('row', { name: /กองวิเคราะห์งบประมาณ 3/ }).waitFor();
    expect(await page.getByRole('row', { name: /^รวม/ }).textContent()).toMatch(/\d+\.\d{3} %/);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(ENGLISH_SENTENCE);
    await shot('bva-bma');
    await open(/กองวิเคราะห์งบประมาณ 1/);
    await open(/สำนักงานเขตดุสิต/);
    await expect
      .poll(() => crumbs.textContent())
      .toMatch(/กรุงเทพมหานคร.*กองวิเคราะห์งบประมาณ 1.*สำนักงานเขตดุสิต/);
    const pdf = page.getByRole('link', { name: 'PDF' });
    expect(await pdf.getAttribute('href')).toMatch(/unit=1002/);
    await shot('bva-unit');
    await open(/ข้อมูลสังเคราะห์ แผนงาน/);
    await open(/งานพัฒนาโครงสร้างพื้นฐาน/);
    await open(/งบลงทุน/);
    await page.getByRole('columnheader', { name: 'รายการ' }).waitFor();
    await shot('bva-lines');
    await open(/ค่าครุภัณฑ์|ค่าที่ดินและสิ่งก่อสร้าง/);
    await page.getByRole('columnheader', { name: 'เลขที่เอกสาร' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1);
    await shot('bva-documents');
    await crumbs.getByRole('button', { name: 'กองวิเคราะห์งบประมาณ 1' }).click();
    await page.getByRole('row', { name: /สำนักงานเขตพระนคร/ }).waitFor();

    const res = await page.request.get(`${server.baseUrl}${(await pdf.getAttribute('href'))!}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/budget-vs-actual-2565\.pdf/);
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a unit officer sees only their own unit', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, server.baseUrl, 'officer-1002', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/execution/budget-vs-actual`);
    await expectHeading(page, 'งบประมาณเทียบกับผลการใช้จ่าย');
    await page.getByRole('row', { name: /กองวิเคราะห์งบประมาณ 1/ }).click();
    await page.getByRole('row', { name: /สำนักงานเขตดุสิต/ }).waitFor();
    expect(await page.getByRole('row', { name: /สำนักงานเขตพระนคร/ }).count()).toBe(0);
    await shot('bva-officer');
  });
});
