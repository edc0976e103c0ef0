import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { IMPORT_ISSUE_CODES } from '@pbis/contract';
import { MODULES } from '../../app/modules';
import { resourcesOf } from '../../i18n/resources';
import th from './i18n/th.json';
import en from './i18n/en.json';
import { issueText, lineQueryText, sizeText, warningText } from './issue-text';

const THAI = /[\u0E00-\u0E7F]/;
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

async function translator(lng: 'th' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: resourcesOf(MODULES),
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const format = { lang: 'th' as const, day: (iso: string) => `day(${iso})` };

describe('the words of a refused file’s problems', () => {
  it.each(IMPORT_ISSUE_CODES)('%s has Thai and English words', (code) => {
    const thai = (th.issues as Record<string, string>)[code];
    const english = (en.issues as Record<string, string>)[code];
    expect(thai, code).toBeTruthy();
    expect(english, code).toBeTruthy();
    expect(thai).toMatch(THAI);
  });

  it('names no code the contract does not have', () => {
    for (const words of [th.issues, en.issues])
      expect(Object.keys(words).filter((c) => !IMPORT_ISSUE_CODES.includes(c as never))).toEqual(
        [],
      );
  });

  it('says a coded problem in Thai, baht grouped and days in the Thai calendar', async () => {
    const t = await translator('th');
    const over = issueText(
      t,
      {
        line: 8,
        reason: 'over the available balance of the line: 1234567.50 asked …',
        code: 'over_available',
        params: { asked: '1234567.50', available: '100.00' },
      },
      format,
    );
    expect(over).toContain('1,234,567.50 บาท');
    expect(over).toContain('100.00 บาท');
    expect(over).not.toMatch(ENGLISH_SENTENCE);
    const outside = issueText(
      t,
      {
        line: 4,
        reason: 'date 2023-01-05 is outside fiscal year 2565 (…)',
        code: 'date_outside_year',
        params: { date: '2023-01-05', year: '2565' },
      },
      format,
    );
    expect(outside).toBe('วันที่ day(2023-01-05) ไม่อยู่ในปีงบประมาณ 2565');
    const column = issueText(
      t,
      { line: 3, reason: 'amount is 0', code: 'amount_zero', params: { column: 'amount' } },
      format,
    );
    expect(column).toBe('amount (จำนวนเงิน (บาท)) เป็นศูนย์');
  });

  it('shows a problem without a code as the server wrote it, marked as such', async () => {
    const t = await translator('th');
    expect(issueText(t, { line: 2, reason: 'a new kind of problem' }, format)).toBe(
      'a new kind of problem (ข้อความจากระบบ)',
    );
  });

  it('says a line query in Thai', () => {
    expect(
      lineQueryText('th', 'project "งานบริหาร", expense_category capital, fund_source regular'),
    ).toBe('โครงการ "งานบริหาร", งบรายจ่าย งบลงทุน, แหล่งเงิน งบประมาณรายจ่ายประจำปี');
    expect(lineQueryText('en', 'project "x"')).toBe('project "x"');
  });

  it('says the pipeline’s warnings in Thai', async () => {
    const t = await translator('th');
    expect(warningText(t, 'column "note" is not used by disbursements and was ignored')).toBe(
      'คอลัมน์ "note" ไม่ได้ใช้กับข้อมูลประเภทนี้ จึงข้ามไป',
    );
    expect(
      warningText(t, 'the header is on line 3; the 2 lines above it (titles) were skipped'),
    ).toMatch(/บรรทัด 3/);
  });

  it('writes sizes in KB and MB', () => {
    expect(sizeText(512, 'th')).toBe('512 B');
    expect(sizeText(1536, 'en')).toBe('1.5 KB');
    expect(sizeText(200 * 1024 * 1024, 'th')).toBe('200.0 MB');
  });
});
