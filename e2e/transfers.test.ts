/**
 * Transfers between budget lines in the browser (issue 15): the Budget Office unit's officer asks
 * for a transfer between two of the unit's lines in Thai, sees it awaiting approval and cannot
 * approve it; the Budget Office sees it awaiting its decision and approves it. Screenshots for a
 * person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { expectHeading, signIn } from './support/ui.js';
import {
  DEMO_PASSWORD,
  HAS_CHROMIUM,
  IN_CI,
  closeJourney,
  keepShot,
  openJourney,
} from './support/journey.js';

const REASON = 'ปรับแผนการฝึกอบรมตามความจำเป็น (ทดสอบ)';

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('budget transfers page (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  const shot = (name: string) => keepShot(browser, name);

  it('a unit officer requests a transfer and may not approve it', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'officer-BDO', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'โอนเปลี่ยนแปลงงบประมาณ' }).first().click();
    await expectHeading(page, 'การโอนเปลี่ยนแปลงงบประมาณ');
    await page.getByTestId('new-transfer').click();
    const dialog = page.getByRole('dialog');
    const from = dialog.getByRole('combobox', { name: 'รายการต้นทาง (โอนออก)' });
    await from.click();
    // The line with the most left to give (each option says what is available).
    const options = await page.getByRole('option').allInnerTexts();
    const left = (o: string) => Number(/คงเหลือ ([\d,.]+) บาท/.exec(o)?.[1]?.replace(/,/g, '') ?? 0);
    const richest = options.reduce((a, b) => (left(b) > left(a) ? b : a));
    expect(left(richest)).toBeGreaterThan(1000.5);
    await page.getByRole('option', { name: richest, exact: true }).click();
    await dialog.getByText(/โอนออกได้ไม่เกิน .* บาท/).waitFor();
    const to = dialog.getByRole('combobox', { name: 'รายการปลายทาง (รับโอน)' });
    await to.click();
    await page.getByRole('option').first().click();
    // Too much first: the server's refusal is shown in Thai with its figures.
    await dialog.getByRole('textbox', { name: 'จำนวนเงิน (บาท)' }).fill('999999999999');
    await dialog.getByRole('textbox', { name: 'เหตุผลการขอโอน' }).fill(REASON);
    await dialog.getByRole('textbox', { name: 'วันที่มีผล' }).fill('01/02/2565');
    await dialog.getByRole('button', { name: 'ส่งคำขอโอน' }).click();
    await dialog.getByTestId('transfer-figures').waitFor();
    expect(await dialog.getByRole('alert').innerText()).toContain('เกินยอดงบประมาณคงเหลือ');
    await shot('transfers-over-balance');
    await dialog.getByRole('textbox', { name: 'จำนวนเงิน (บาท)' }).fill('1000.50');
    await dialog.getByRole('button', { name: 'ส่งคำขอโอน' }).click();
    await page.getByRole('status').filter({ hasText: 'ส่งคำขอโอนเลขที่' }).waitFor();
    const row = page.getByTestId('transfers').locator('tr', { hasText: '1,000.50' });
    await row.waitFor();
    expect(await row.innerText()).toContain('รออนุมัติ');
    expect(await row.getByRole('button', { name: 'อนุมัติ', exact: true }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'ยกเลิกคำขอ' }).count()).toBe(1);
    await shot('transfers-officer');
    // The maker edits the request: a new version.
    await row.getByRole('button', { name: 'แก้ไข', exact: true }).click();
    const edit = page.getByRole('dialog');
    await edit.getByRole('textbox', { name: 'จำนวนเงิน (บาท)' }).fill('1000.75');
    await edit.getByRole('button', { name: 'ส่งคำขอโอน' }).click();
    await page.getByRole('status').filter({ hasText: 'แก้ไขคำขอโอนเลขที่' }).waitFor();
    await page.getByTestId('transfers').locator('tr', { hasText: '1,000.75' }).waitFor();
  });

  it('the Budget Office approves it from "awaiting my decision"', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/execution/transfers`);
    await expectHeading(page, 'การโอนเปลี่ยนแปลงงบประมาณ');
    await page.getByRole('switch', { name: 'เฉพาะรายการที่รอฉันพิจารณา' }).click();
    const row = page.getByTestId('transfers').locator('tr', { hasText: '1,000.75' });
    await row.waitFor();
    await row.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'บันทึกความเห็น' }).fill('เห็นชอบ');
    await dialog.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'อนุมัติการโอนเลขที่' }).waitFor();
    await page.getByRole('switch', { name: 'เฉพาะรายการที่รอฉันพิจารณา' }).click();
    const done = page.getByTestId('transfers').locator('tr', { hasText: '1,000.75' });
    await expect.poll(() => done.innerText()).toContain('อนุมัติแล้ว');
    await done.getByRole('button', { name: 'ประวัติ' }).click();
    const history = page.getByTestId('transfer-history');
    await history.waitFor();
    expect(await history.innerText()).toContain('ยื่นคำขอ');
    expect(await history.innerText()).toContain('แก้ไขคำขอ · ฉบับที่ 2');
    expect(await history.innerText()).toContain('อนุมัติ · ฉบับที่ 3');
    expect(await history.innerText()).toContain('รออนุมัติ');
    await shot('transfers-office-history');
  });

  it('the Budget Office edits the approval rules and restores the defaults', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/execution/transfers`);
    const rules = page.getByTestId('transfer-rules');
    await rules.getByText('(ใช้เกณฑ์มาตรฐาน)').waitFor();
    await rules.getByRole('button', { name: 'แก้ไขเกณฑ์' }).click();
    const editor = page.getByTestId('transfer-rules-editor');
    await editor.waitFor();
    // The default rules' labels are in Thai.
    expect(await editor.getByRole('textbox', { name: 'คำอธิบายเกณฑ์' }).first().inputValue()).toBe(
      'โอนเข้างบลงทุน',
    );
    await editor.getByRole('button', { name: 'เพิ่มเกณฑ์' }).click();
    await editor.getByRole('textbox', { name: 'ตั้งแต่ (บาท)' }).last().fill('5000000');
    await editor.getByRole('textbox', { name: 'คำอธิบายเกณฑ์' }).last().fill('โอนตั้งแต่ห้าล้านบาท');
    await shot('transfers-rules-editor');
    await editor.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึกเกณฑ์การอนุมัติการโอนแล้ว' }).waitFor();
    await rules.getByText('5. โอนตั้งแต่ห้าล้านบาท → สำนักงบประมาณ').waitFor();
    expect(await rules.getByText('(ใช้เกณฑ์มาตรฐาน)').count()).toBe(0);
    await rules.getByRole('button', { name: 'แก้ไขเกณฑ์' }).click();
    await page.getByRole('button', { name: 'กลับไปใช้เกณฑ์มาตรฐาน' }).click();
    await rules.getByText('(ใช้เกณฑ์มาตรฐาน)').waitFor();
  });
});
