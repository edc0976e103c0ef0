/**
 * Budget execution in the browser (issue 15): the Budget Office opens the execution page of the
 * demo's synthetic FY2565, sees the S-curve drawn and both money indicators per unit and for the
 * BMA, in Thai; a unit officer sees their own unit only. Screenshots for a person to look at.
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

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('budget execution page (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  const shot = (name: string) => keepShot(browser, name);

  it('the Budget Office sees the S-curve and both indicators for every unit and the BMA', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'การใช้จ่ายงบประมาณ' }).first().click();
    await expectHeading(page, 'การใช้จ่ายงบประมาณ');
    const chart = page.getByRole('img', { name: 'กราฟผลการใช้จ่ายงบประมาณสะสมรายเดือน' });
    await chart.locator('svg').waitFor({ state: 'attached' });
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(10);
    const bma = page.getByRole('row', { name: /กรุงเทพมหานคร \(ทุกหน่วยงาน\)/ });
    await bma.waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(70);
    // the money table's row (the forecast tables below name the unit too): its name, then baht
    const dusit = page.getByRole('row', { name: /สำนักงานเขตดุสิต [\d,]+\.\d{2}/ });
    await expect.poll(() => dusit.textContent()).toMatch(/\d+\.\d{3} %/);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(ENGLISH_SENTENCE);
    await shot('execution-office');
  });

  it('a unit officer sees their own unit and the BMA only', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, server.baseUrl, 'officer-1002', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/execution`);
    await expectHeading(page, 'การใช้จ่ายงบประมาณ');
    await page
      .getByRole('row', { name: /สำนักงานเขตดุสิต/ })
      .first()
      .waitFor();
    expect(await page.getByRole('row', { name: /สำนักงานเขตพระนคร/ }).count()).toBe(0);
    await shot('execution-officer');
  });
});
