/**
 * Closing a fiscal year in the browser (issue 15 "Year end"): the Budget Office opens
 * ปิดปีงบประมาณ on the demo's synthetic FY2563, sees what will lapse line by line with totals, closes
 * the year after a confirmation that states the figures, and finds the carried lines of FY2564
 * with their deadline — all in Thai.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { expectHeading, signIn } from './support/ui.js';
import {
  DEMO_PASSWORD,
  ENGLISH_SENTENCE,
  HAS_CHROMIUM,
  IN_CI,
  SHOTS,
  closeJourney,
  openJourney,
} from './support/journey.js';

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('closing a fiscal year (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  it('the Budget Office previews, closes FY2563 and sees the carried lines', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'ปิดปีงบประมาณ' }).first().click();
    await expectHeading(page, 'ปิดปีงบประมาณ');
    await page.getByRole('combobox', { name: 'ปีงบประมาณ', exact: true }).click();
    await page.getByRole('option', { name: '2563', exact: true }).click();
    await page.getByText('สิ่งที่จะเกิดขึ้นเมื่อปิดปีงบประมาณ 2563').waitFor();
    const total = page.getByRole('row', { name: /^รวม/ });
    await total.waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(70);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(ENGLISH_SENTENCE);
    const lapse = (await total.locator('td').nth(6).textContent())?.trim() ?? '';
    expect(lapse).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    await page.getByTestId('close-year').click();
    const dialog = page.getByRole('dialog', { name: 'ยืนยันการปิดปีงบประมาณ 2563' });
    await dialog.waitFor();
    // The confirmation states the figures: the lapse of the table's total among them.
    expect(await dialog.textContent()).toContain(lapse);
    const file = await browser.shot('year-end-confirm');
    fs.copyFileSync(file, path.join(SHOTS, 'year-end-confirm.png'));
    await page.getByTestId('confirm-close-year').click();
    await page.getByText(/ปิดปีงบประมาณ 2563 แล้ว/).waitFor();
    await page.getByText('ผลการปิดปีงบประมาณ 2563').waitFor();
    await page.getByText('รายการเงินเหลื่อมปีในปีงบประมาณ 2564').waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: /อยู่ในกำหนด|พ้นกำหนด/ }).count())
      .toBeGreaterThan(0);
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(ENGLISH_SENTENCE);
    await page.getByText('รายการเงินเหลื่อมปีในปีงบประมาณ 2564').scrollIntoViewIfNeeded();
    const shot = await browser.shot('year-end-closed');
    fs.copyFileSync(shot, path.join(SHOTS, 'year-end-closed.png'));
  });
});
