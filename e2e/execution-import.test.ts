/**
 * Importing a disbursement file from the UI (issue 15, "Done means"): the Budget Office officer
 * reads a unit's two money indicators and the last point of its S-curve, imports a disbursement
 * file for that unit on the import screen (checked first, then imported, the upload's progress
 * bar reaching 100 % and the summary shown), and sees the disbursement rate and the S-curve move
 * by exactly the amount imported. A file with bad rows lists every line's problem in Thai and
 * changes nothing. Screenshots on a desktop and a phone width, for a person to look at.
 */
import type { Page } from 'playwright-core';
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

const THAI = /[\u0E00-\u0E7F]/;
const UNIT_CODE = '1002';
const UNIT_NAME = 'สำนักงานเขตดุสิต';
const HEADER =
  'fiscal_year,unit_code,unit_name,line_code,project_code,project,expense_category,fund_source,expense_item,document_no,date,amount,obligation_no';

/** "1,234.56" → satang. */
const satangOf = (text: string): bigint => {
  const m = /(-?[\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  const whole = BigInt(m[1]!.replace(/,/g, ''));
  return whole * 100n + (whole < 0n ? -1n : 1n) * BigInt(m[2]!);
};
const bahtOf = (satang: bigint) =>
  `${(satang / 100n).toLocaleString('en-US')}.${String(satang % 100n).padStart(2, '0')}`;
/** n ÷ d × 100 rounded half-up to 3 places (core's ratioPercent), for positive amounts. */
const percent3 = (n: bigint, d: bigint) => {
  const scaled = (n * 100n * 1000n * 2n + d) / (2n * d);
  return `${scaled / 1000n}.${String(scaled % 1000n).padStart(3, '0')}`;
};

interface Line {
  lineCode: string | null;
  project: string;
  expenseCategory: string;
  fundSource: string;
  expenseItem: string;
  availableBaht: string;
}

describe.skipIf(!HAS_CHROMIUM && !IN_CI)('importing disbursements from the UI (chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await openJourney());
  });
  afterAll(() => closeJourney({ server, browser }));

  const shot = (name: string, fullPage = true) => keepShot(browser, name, fullPage);

  /** The unit's row of the money indicators' table: [unit, base 5.1, disbursed, rate 5.1, base 2, carry-over, rate 2, level]. */
  async function indicatorRow(page: Page): Promise<string[]> {
    const row = page.getByRole('row', {
      name: new RegExp(`${UNIT_CODE} ${UNIT_NAME} [\\d,]+\\.\\d{2}`),
    });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/\d+\.\d{3} %/);
    return (await row.locator('td').allInnerTexts()).map((s) => s.trim());
  }

  /** The S-curve's last disbursed point (September), read from the chart's own tooltip. */
  async function lastCurvePoint(page: Page): Promise<bigint> {
    const chart = page.getByRole('img', { name: 'กราฟผลการใช้จ่ายงบประมาณสะสมรายเดือน' });
    await chart.locator('svg').waitFor({ state: 'attached' });
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(10);
    const box = (await chart.boundingBox())!;
    const plot = box.width - 90 - 20; // the chart's grid: left 90, right 20
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.move(box.x + 90 + plot - plot / 24, box.y + box.height / 2);
    let text = '';
    await expect
      .poll(async () => {
        text = await chart.innerText();
        return /ก\.ย\./.test(text) && /เบิกจ่าย\s*[\d,]+\.\d{2}\s*บาท/.test(text);
      })
      .toBe(true);
    return satangOf(/เบิกจ่าย\s*([\d,]+\.\d{2})\s*บาท/.exec(text)![1]!);
  }

  /** The unit's September forecast of 5.1 on the page, forecast at the end of September. */
  async function septemberForecast(page: Page): Promise<string> {
    const section = page.getByTestId('execution-analysis');
    await section.getByLabel('พยากรณ์ ณ สิ้นเดือน').click();
    await page.getByRole('option', { name: 'สิ้นเดือนกันยายน 2565' }).click();
    await section.getByText(/ใช้ตัวเลข ณ 30 ก\.ย\. 2565/).waitFor();
    await section.getByText(new RegExp(`— ${UNIT_NAME}`)).waitFor();
    return septemberForecastText(page);
  }
  async function septemberForecastText(page: Page): Promise<string> {
    const section = page.getByTestId('execution-analysis');
    const text = await section.getByText(/ตัวชี้วัด 5\.1 ณ สิ้นเดือนกันยายน/).textContent();
    return /พยากรณ์ (\d+\.\d{3}) %/.exec(text ?? '')![1]!;
  }

  async function openUnitOnExecution(page: Page) {
    await page.getByRole('link', { name: 'การใช้จ่ายงบประมาณ' }).first().click();
    await expectHeading(page, 'การใช้จ่ายงบประมาณ');
    const select = page.getByRole('combobox', { name: 'หน่วยงาน' });
    await select.fill(UNIT_CODE);
    await page.getByRole('option', { name: new RegExp(`${UNIT_CODE} ${UNIT_NAME}`) }).click();
    await expect.poll(() => select.inputValue()).toContain(UNIT_NAME);
  }

  async function chooseFile(page: Page, name: string, body: string) {
    await page
      .getByTestId('import-file-input')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') });
    await page.getByTestId('import-file-name').filter({ hasText: name }).waitFor();
  }

  let importedSatang = 0n;
  let indicatorsBefore: string[] = [];
  let curveBefore = 0n;
  let forecastBefore = '';
  let line: Line;

  it('the officer reads the unit’s indicators and S-curve, then imports a disbursement file with a progress bar', async () => {
    const { page } = browser;
    await signIn(page, server.baseUrl, 'office', DEMO_PASSWORD);
    await openUnitOnExecution(page);
    indicatorsBefore = await indicatorRow(page);
    curveBefore = await lastCurvePoint(page);
    forecastBefore = await septemberForecast(page);

    // The file: many small payments on one of the unit's operating lines with room left.
    const summary = (await (
      await page.request.get(`${server.baseUrl}/api/v1/execution/summary?fiscalYear=2565`)
    ).json()) as { units: { unitId: string; unitCode: string }[] };
    const unitId = summary.units.find((u) => u.unitCode === UNIT_CODE)!.unitId;
    const lines = (await (
      await page.request.get(
        `${server.baseUrl}/api/v1/execution/lines?fiscalYear=2565&unitId=${unitId}`,
      )
    ).json()) as { items: Line[] };
    const ROWS = 3000;
    const rows: string[] = [];
    let total = 0n;
    for (let i = 0; i < ROWS; i++) {
      const satang = BigInt(37 + (i % 9) * 25);
      total += satang;
      rows.push(`${i}|${satang}`);
    }
    const candidates = lines.items.filter(
      (l) =>
        l.expenseCategory === 'operating' &&
        l.fundSource === 'regular' &&
        satangOf(l.availableBaht) >= total,
    );
    expect(
      candidates.length,
      JSON.stringify(
        lines.items.map((l) => [
          l.lineCode,
          l.project,
          l.expenseCategory,
          l.fundSource,
          l.availableBaht,
        ]),
      ),
    ).toBeGreaterThan(0);
    line = candidates[0]!;
    importedSatang = total;
    const csv = [
      HEADER,
      ...rows.map((r) => {
        const [i, satang] = r.split('|');
        const s = BigInt(satang!);
        const amount = `${s / 100n}.${String(s % 100n).padStart(2, '0')}`;
        const day = String(1 + (Number(i) % 28)).padStart(2, '0');
        return [
          '2565',
          UNIT_CODE,
          '',
          line.lineCode ?? '',
          '',
          line.lineCode ? '' : line.project,
          line.lineCode ? '' : 'operating',
          '',
          line.lineCode ? '' : line.expenseItem,
          `E2E-IMP-${i}`,
          `2022-09-${day}`,
          amount,
          '',
        ]
          .map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
          .join(',');
      }),
    ].join('\n');

    await page.getByRole('link', { name: 'นำเข้าข้อมูล' }).first().click();
    await expectHeading(page, 'นำเข้าข้อมูลจากไฟล์');
    await page.getByRole('radio', { name: 'การเบิกจ่าย' }).check();
    // The size limit is said before anything is sent; the columns and an example are offered.
    await page.getByText(/ขนาดไม่เกิน 200\.0 MB ต่อไฟล์/).waitFor();
    const example = page.getByRole('link', { name: /ดาวน์โหลดไฟล์ตัวอย่าง \(การเบิกจ่าย\)/ });
    await example.waitFor();
    const exampleFile = await page.request.get(
      `${server.baseUrl}${await example.getAttribute('href')}`,
    );
    expect(exampleFile.status()).toBe(200);
    expect((await exampleFile.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(HEADER);
    expect(await page.getByTestId('import-columns').locator('tbody tr').count()).toBe(13);

    await chooseFile(page, 'disbursements-dusit.csv', csv);
    const importButton = page.getByRole('button', { name: 'นำเข้า', exact: true });
    expect(await importButton.isDisabled()).toBe(true); // check first
    await page.getByRole('button', { name: 'ตรวจสอบก่อน' }).click();
    const summaryBox = page.getByTestId('import-summary');
    await summaryBox.getByText('ตรวจสอบแล้ว ไม่พบข้อผิดพลาด').waitFor();
    expect(await summaryBox.innerText()).toContain(`${bahtOf(total)} บาท`);

    // The upload, slowed to a trickle so the bar is seen moving, then the processing state.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 64 * 1024,
    });
    await importButton.click();
    const bar = page.getByRole('progressbar', { name: 'ความคืบหน้าการส่งไฟล์' });
    await bar.waitFor();
    const seen = new Set<number>();
    const processing = page.getByTestId('import-processing');
    let processingSeen = false;
    let midShot = false;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const v = Number(await bar.getAttribute('aria-valuenow'));
      seen.add(v);
      if (v >= 30 && v <= 80 && !midShot) {
        midShot = true;
        await shot('import-disbursements-uploading', false);
      }
      if (v === 100) {
        processingSeen = (await processing.count()) > 0;
        break;
      }
      await page.waitForTimeout(40);
    }
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(seen.has(100)).toBe(true);
    expect(
      [...seen].some((v) => v > 0 && v < 100),
      `values seen: ${[...seen].join(', ')}`,
    ).toBe(true);
    await page.getByText(/ส่งไฟล์ครบแล้ว 100 %/).waitFor();
    // Sent; the server reads, checks and writes: the page says so until the answer comes.
    expect(processingSeen || (await processing.count()) > 0).toBe(true);
    await summaryBox.getByText('นำเข้าเรียบร้อย').waitFor({ timeout: 60_000 });
    const text = await summaryBox.innerText();
    expect(text).toContain(`${bahtOf(total)} บาท`);
    expect(text).toMatch(/จำนวนแถว\s*3,000 รายการ/);
    expect(text).toMatch(/เพิ่มใหม่\s*3,000 รายการ/);
    expect(text).toMatch(/เคยนำเข้าแล้ว\s*ไม่ใช่/);
    expect(await page.locator('main').innerText()).not.toMatch(ENGLISH_SENTENCE);
    await shot('import-disbursements-done');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'นำเข้าข้อมูลจากไฟล์' }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(500); // the navigation folds away on a narrow screen
    await shot('import-disbursements-done-phone-top', false);
    await summaryBox.scrollIntoViewIfNeeded();
    await shot('import-disbursements-done-phone', false);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('the disbursement rate and the S-curve moved by exactly the amount imported', async () => {
    const { page } = browser;
    await openUnitOnExecution(page);
    // the page may first show what it had, then what it fetched again after the import
    await expect
      .poll(async () => (await indicatorRow(page))[2], { timeout: 30_000 })
      .not.toBe(indicatorsBefore[2]);
    const after = await indicatorRow(page);
    const base51 = satangOf(after[1]!);
    expect(after[1]).toBe(indicatorsBefore[1]); // the base of 5.1 is what it was
    expect(satangOf(after[2]!) - satangOf(indicatorsBefore[2]!)).toBe(importedSatang);
    expect(after[3]).toBe(`${percent3(satangOf(after[2]!), base51)} %`);
    expect(after[3]).not.toBe(indicatorsBefore[3]);
    expect(after.slice(4)).toEqual(indicatorsBefore.slice(4)); // indicator 2: no carry-over moved
    expect((await lastCurvePoint(page)) - curveBefore).toBe(importedSatang);
    // the forecast moved with it: at the end of September it is the year's actual rate
    await septemberForecast(page);
    await expect
      .poll(() => septemberForecastText(page), { timeout: 30_000 })
      .not.toBe(forecastBefore);
    expect(`${await septemberForecastText(page)} %`).toBe(after[3]);
    await shot('import-execution-after');
  });

  it('a file with bad rows lists every line’s problem in Thai and changes nothing', async () => {
    const { page } = browser;
    const read = async () =>
      (await page.request.get(`${server.baseUrl}/api/v1/execution/summary?fiscalYear=2565`)).text();
    const before = await read();
    const ok = (over: Partial<Record<string, string>>, i: number) => {
      const cells: Record<string, string> = {
        fiscal_year: '2565',
        unit_code: UNIT_CODE,
        line_code: line.lineCode ?? '',
        project: line.lineCode ? '' : line.project,
        expense_category: line.lineCode ? '' : 'operating',
        expense_item: line.lineCode ? '' : line.expenseItem,
        document_no: `E2E-BAD-${i}`,
        date: '2022-09-10',
        amount: '10.00',
        ...over,
      };
      return HEADER.split(',')
        .map((c) => cells[c] ?? '')
        .map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
        .join(',');
    };
    const bad = [
      HEADER,
      ok({ unit_code: 'ZZZ9' }, 1), // 2 no such unit
      ok({ amount: 'สิบบาท' }, 2), // 3 not an amount
      ok({ date: '2023-01-05' }, 3), // 4 outside FY2565
      ok({ obligation_no: 'PO-ไม่มี' }, 4), // 5 no such obligation
      ok({ amount: '1.005' }, 5), // 6 three decimals
      ok({ document_no: 'E2E-IMP-7' }, 6), // 7 already posted with other values
      ok({ amount: '999999999.00' }, 7), // 8 over the available balance
    ].join('\n');
    await page.getByRole('link', { name: 'นำเข้าข้อมูล' }).first().click();
    await page.getByRole('radio', { name: 'การเบิกจ่าย' }).check();
    await chooseFile(page, 'disbursements-bad.csv', bad);
    await page.getByRole('button', { name: 'ตรวจสอบก่อน' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    await problems.getByText('ไม่ได้บันทึกข้อมูลใด ๆ จากไฟล์นี้', { exact: false }).waitFor();
    const rows = await problems.locator('tbody tr').allInnerTexts();
    const lines = new Set(rows.map((r) => Number(/บรรทัด (\d+)/.exec(r)?.[1])));
    expect([...lines].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const r of rows) {
      expect(r).toMatch(THAI);
      expect(r).not.toContain('ข้อความจากระบบ'); // every reason has Thai words
      expect(r).not.toMatch(ENGLISH_SENTENCE);
    }
    expect(rows.join('\n')).toContain('ไม่มีหน่วยรับงบประมาณรหัส "ZZZ9"');
    expect(rows.join('\n')).toContain('ไม่อยู่ในปีงบประมาณ 2565');
    // A check of a bad file offers no import; and nothing moved.
    expect(await page.getByRole('button', { name: 'นำเข้า', exact: true }).isDisabled()).toBe(true);
    expect(await read()).toBe(before);
    await shot('import-disbursements-refused');
    await page.setViewportSize({ width: 390, height: 844 });
    await problems.scrollIntoViewIfNeeded();
    await shot('import-disbursements-refused-phone', false);
    await problems.locator('tbody tr').last().scrollIntoViewIfNeeded();
    await shot('import-disbursements-refused-phone-end', false);
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('a file over the size limit is refused in the browser, before anything is sent', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/imports`);
    await expectHeading(page, 'นำเข้าข้อมูลจากไฟล์');
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/v1/imports/')) posted++;
    });
    // A sparse 201 MiB file would be slow to hand over; the limit is checked on the File's size.
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="import-file-input"]')!;
      const big = new File([new Uint8Array(8)], 'huge.csv', { type: 'text/csv' });
      Object.defineProperty(big, 'size', { value: 201 * 1024 * 1024 });
      const dt = new DataTransfer();
      dt.items.add(big);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const refusal = page.getByTestId('import-local-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/huge\.csv มีขนาด 201\.0 MB เกินขีดจำกัด 200\.0 MB/);
    expect(posted).toBe(0);
    expect(browser.problems.filter((p) => !/status of 400/.test(p))).toEqual([]); // the refused file's 400 is expected
  });
});
