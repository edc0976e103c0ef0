/**
 * The forecast and the follow-up in the browser (issue 15 "The forecast", "Screens"): the Budget
 * Office opens the execution page of the demo's FY2565 as of the end of May, sees the forecast band
 * on the 5.1 curve, the units forecast to miss, the ranking chart and the laggard alerts, in Thai,
 * and its home page cards; a unit officer whose unit has figures in the current fiscal year sees
 * on the home page their two indicators, the September forecast and the next deadline.
 * Screenshots for a person to look at.
 */
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
  keepShot,
  openJourney,
} from './support/journey.js';

const OFFICER = 'officer-1002';
const OFFICER_UNIT = '1002';

/** The current fiscal year (BE) in Bangkok and the ISO date of a day of its first month. */
function currentYear(now = new Date()) {
  const d = new Date(now.getTime() + 7 * 3_600_000);
  const fy = d.getUTCFullYear() + 543 + (d.getUTCMonth() >= 9 ? 1 : 0);
  return { fy, october: `${fy - 544}-10-15` };
}

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('execution forecast and alerts (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  const shot = (name: string, fullPage = true) => keepShot(browser, name, fullPage);

  it('the Budget Office sees the forecast band, the units forecast to miss, the ranking and the alerts', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    // the home page: the follow-up cards of the latest year with figures
    const alertsCard = page.getByTestId('home-laggard-alerts');
    await alertsCard.getByText(/หน่วยงานก่อหนี้ผูกพันล่าช้า ปีงบประมาณ 2565/).waitFor();
    const missCard = page.getByTestId('home-forecast-misses');
    await missCard.getByText(/หน่วยงานคาดว่าจะไม่บรรลุเป้าหมาย/).waitFor();
    await shot('execution-forecast-office-home', false);

    await page.getByRole('link', { name: 'การใช้จ่ายงบประมาณ' }).first().click();
    await expectHeading(page, 'การใช้จ่ายงบประมาณ');
    const section = page.getByTestId('execution-analysis');
    // a past year opens at the end of May: eight months observed
    await section.getByText(/ใช้ตัวเลข ณ 31 พ\.ค\. 2565/).waitFor();
    const band = page.getByRole('img', { name: 'กราฟร้อยละการเบิกจ่ายสะสมพร้อมช่วงพยากรณ์' });
    await band.locator('svg').waitFor({ state: 'attached' });
    await expect.poll(() => band.locator('svg path').count()).toBeGreaterThan(8);
    // the shaded band is a filled area (the legend names it)
    expect(await band.textContent()).toContain('ช่วงพยากรณ์ (ต่ำ–สูง)');
    await section.getByText(/ตัวชี้วัด 5\.1 ณ สิ้นเดือนกันยายน: พยากรณ์ \d+\.\d{3} %/).waitFor();
    // the demo's laggards are forecast to miss
    const misses = page.getByTestId('forecast-misses');
    await expect.poll(() => misses.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await misses.textContent()).toMatch(/ไม่บรรลุแน่|น่าจะไม่บรรลุ/);
    expect(await misses.textContent()).toMatch(/ระดับ \d \(\d+ คะแนน\)|ไม่มีเกณฑ์ระดับ/);
    const ranking = page.getByRole('img', { name: 'กราฟแท่งอันดับหน่วยงานตามร้อยละการเบิกจ่าย' });
    await ranking.locator('svg').waitFor({ state: 'attached' });
    await expect.poll(() => ranking.textContent()).toMatch(/1\. สำนัก/);
    const alerts = page.getByTestId('laggard-alerts');
    await expect.poll(() => alerts.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await alerts.textContent()).toMatch(/ก่อหนี้ผูกพัน ณ สิ้นไตรมาสที่ 2/);
    const text = (await section.textContent()) ?? '';
    expect(text).not.toMatch(ENGLISH_SENTENCE);
    await shot('execution-forecast-office');
    // one unit: its own band (its prior years differ, so the band has a width)
    await page.getByLabel('หน่วยงาน', { exact: true }).first().fill('1015');
    await page.getByRole('option', { name: /สำนักงานเขตธนบุรี/ }).click();
    await section.getByText(/— สำนักงานเขตธนบุรี/).waitFor();
    const summary = await section.getByText(/ตัวชี้วัด 5\.1 ณ สิ้นเดือนกันยายน/).textContent();
    const [, low, high] = /ช่วง (\d+\.\d{3})–(\d+\.\d{3}) %/.exec(summary ?? '') ?? [];
    expect(Number(high)).toBeGreaterThan(Number(low));
    const part = async (
      name: string,
      el: { screenshot: (o: { path: string }) => Promise<unknown> },
    ) => el.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    await part('execution-forecast-band', section.locator('.mantine-Paper-root').first());
    await part('execution-forecast-misses', misses);
    await part('execution-forecast-ranking', ranking.locator('..'));
    await part('execution-forecast-alerts', alerts);
    // the end of January: equipment checked at the end of Q1 flags the laggards
    await section.getByLabel('พยากรณ์ ณ สิ้นเดือน').click();
    await page.getByRole('option', { name: 'สิ้นเดือนมกราคม 2565' }).click();
    await section.getByText(/ใช้ตัวเลข ณ 31 ม\.ค\. 2565/).waitFor();
    await expect.poll(() => alerts.textContent()).toMatch(/ค่าครุภัณฑ์/);
    await section.scrollIntoViewIfNeeded();
    await shot('execution-forecast-office-january');
    expect(browser.problems).toEqual([]);
  });

  it('a unit officer’s home card shows their two indicators, the forecast and the next deadline', async () => {
    const { page } = browser;
    // The Budget Office opens the current fiscal year and imports the officer's unit's first month
    // (the API the import page uses), so the card has a year in progress to forecast.
    const { fy, october } = currentYear();
    await page.context().clearCookies();
    await signIn(page, server.baseUrl, 'admin', 'e2e-harbour-pass-123');
    const result = await page.evaluate(
      async ({ fy, october, unit }) => {
        const csrf = decodeURIComponent(
          document.cookie
            .split('; ')
            .find((c) => c.startsWith('pbis_csrf='))!
            .slice('pbis_csrf='.length),
        );
        const headers = { 'x-csrf-token': csrf };
        const year = await fetch('/api/v1/fiscal-years', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ year: fy }),
        });
        const post = async (kind: string, csv: string) => {
          const form = new FormData();
          form.append('file', new Blob([csv], { type: 'text/csv' }), `${kind}.csv`);
          const res = await fetch(`/api/v1/imports/${kind}`, {
            method: 'POST',
            headers,
            body: form,
          });
          return res.status;
        };
        const lines = await post(
          'budget-lines',
          'fiscal_year,unit_code,unit_name,programme,output,project_code,project,expense_category,strategy_code,amount,line_code,fund_source,expense_item\n' +
            `${fy},${unit},,แผนงานบริหารทั่วไป,,,งานบริหารทั่วไป,operating,,1000000.00,,,\n`,
        );
        const paid = await post(
          'disbursements',
          'fiscal_year,unit_code,unit_name,line_code,project_code,project,expense_category,fund_source,expense_item,document_no,date,amount,obligation_no\n' +
            `${fy},${unit},,,,งานบริหารทั่วไป,operating,,,E2E-${fy}-1,${october},80000.00,\n`,
        );
        return { year: year.status, lines, paid };
      },
      { fy, october, unit: OFFICER_UNIT },
    );
    expect([200, 201, 409]).toContain(result.year);
    expect(result).toMatchObject({ lines: 200, paid: 200 });

    await page.context().clearCookies();
    await signIn(page, server.baseUrl, OFFICER, DEMO_PASSWORD);
    const card = page.getByTestId('home-unit-money');
    await card.getByText(`ปีงบประมาณ ${fy}`, { exact: false }).waitFor();
    await card.getByText('5.1 ร้อยละการเบิกจ่าย').waitFor();
    await card.getByText('2 ร้อยละเงินกันไม่มีหนี้ผูกพัน').waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/สำนักงานเขต/);
    expect(text).toMatch(/พยากรณ์สิ้นเดือนกันยายน \d+\.\d{3} % \(\d+\.\d{3}–\d+\.\d{3} %\)/);
    expect(text).toMatch(/กำหนดถัดไป: \d{1,2} [ก-๙.]+ \d{4}/);
    expect(text).not.toMatch(ENGLISH_SENTENCE);
    // the officer's own unit only
    expect(await page.getByTestId('home-laggard-alerts').count()).toBe(0);
    await shot('execution-forecast-officer-home', false);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(SHOTS, 'execution-forecast-officer-card.png') });
    expect(browser.problems).toEqual([]);
  });
});
