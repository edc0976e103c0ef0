/**
 * Every figure opens its breakdown (issue 15): the Budget Office opens a unit's breakdown from the
 * money-indicator table of the demo's FY2565 and sees, in Thai, the lines counted in indicator 5.1
 * and those left out with the reason, the base of indicator 2 and the carry-overs counted or left
 * out — with totals equal to the unit's row. Screenshots for a person to look at.
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

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('money indicators’ breakdown (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  it('the Budget Office opens a unit’s breakdown: counted and left-out lines in Thai, totals equal to the row', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'การใช้จ่ายงบประมาณ' }).first().click();
    await expectHeading(page, 'การใช้จ่ายงบประมาณ');
    // the money table's row of Dusit: its name, then baht
    const row = page.getByRole('row', { name: /สำนักงานเขตดุสิต [\d,]+\.\d{2}/ });
    await expect.poll(() => row.textContent()).toMatch(/\d+\.\d{3} %/);
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
    const [, base51, disbursed, rate51, base2, carry, rate2] = cells;
    await row.getByRole('button', { name: /ดูที่มาของตัวเลข .*สำนักงานเขตดุสิต/ }).click();

    const drawer = page.getByRole('dialog');
    await drawer
      .getByText(/ที่มาของตัวเลข .*สำนักงานเขตดุสิต/)
      .first()
      .waitFor();
    const ind51 = drawer.getByTestId('breakdown-51');
    await ind51.getByText('ตัวชี้วัดที่ 5.1 การเบิกจ่ายงบประมาณ').waitFor();
    await drawer.getByText(/ปีงบประมาณ 2565 ณ วันที่ 30 ก\.ย\. 2565/).waitFor();
    // the formula: the row's figures
    expect(await ind51.textContent()).toContain(
      `เบิกจ่าย ${disbursed} บาท ÷ งบประมาณฐาน ${base51} บาท = ร้อยละ ${rate51!.replace(' %', '')}`,
    );
    // counted lines: operating and capital, their total equal to the row's base and disbursed
    const [counted, leftOut] = [ind51.locator('table').nth(0), ind51.locator('table').nth(1)];
    expect(await counted.locator('tbody').textContent()).toMatch(/งบดำเนินงาน/);
    expect(await counted.locator('tbody').textContent()).toMatch(/งบลงทุน/);
    const foot51 = (await counted.locator('tfoot td').allInnerTexts()).map((c) => c.trim());
    expect(foot51).toEqual(['รวมที่นับ', base51, disbursed]);
    // left out: personnel, with the reason in Thai words
    expect(await leftOut.locator('tbody').textContent()).toMatch(/งบบุคลากร ไม่นับรวม/);
    expect(await ind51.getByText(/รายการที่ไม่นับ \(1 รายการ\)/).count()).toBe(1);

    const ind2 = drawer.getByTestId('breakdown-2');
    expect(await ind2.textContent()).toContain(
      `เงินกันไม่มีหนี้ผูกพัน ${carry} บาท ÷ งบประมาณฐาน ${base2} บาท = ร้อยละ ${rate2!.replace(' %', '')}`,
    );
    const base = ind2.locator('table').nth(0);
    const foot2 = (await base.locator('tfoot td').allInnerTexts()).map((c) => c.trim());
    expect(foot2).toEqual(['รวมที่นับ', base2]);
    // personnel is in the base of indicator 2
    expect(await base.locator('tbody').textContent()).toMatch(/งบบุคลากร/);
    // the carry-overs with obligation are left out, with the reason
    const carried = ind2.locator('table').nth(2);
    expect(await carried.locator('tbody').textContent()).toMatch(
      /มีหนี้ผูกพัน.*เงินกันแบบมีหนี้ผูกพัน ไม่นับในตัวชี้วัดที่ 2/,
    );
    const footCarry = (await carried.locator('tfoot td').allInnerTexts()).map((c) => c.trim());
    expect(footCarry.slice(0, 2)).toEqual(['รวมที่นับ', carry]);

    const text = (await drawer.textContent()) ?? '';
    expect(text).not.toMatch(ENGLISH_SENTENCE);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no UUIDs
    expect(text).not.toMatch(/breakdown\.|reasons\./); // no raw keys
    // the drawer is fixed: one shot of each indicator's part as a person sees it
    await keepShot(browser, 'money-breakdown-office-51', false);
    await ind2.scrollIntoViewIfNeeded();
    await keepShot(browser, 'money-breakdown-office-2', false);
    // the drawer closes and the table is there again
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(browser.problems).toEqual([]);
  });
});
