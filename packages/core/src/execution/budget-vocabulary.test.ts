import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CARRY_OVER_EXEMPTIONS,
  CARRY_OVER_EXEMPTION_TH,
  EXPENSE_CATEGORIES,
  EXPENSE_CATEGORY_TH,
  FUND_SOURCES,
  FUND_SOURCE_TH,
  isStaffCentralFundItem,
  parseCarryOverExemption,
  parseCarryOverKind,
  parseExpenseCategory,
  parseFundSource,
} from './budget-vocabulary.js';

describe('parseExpenseCategory', () => {
  it.each([
    ['personnel', 'personnel'],
    ['Capital', 'capital'],
    ['  OPERATING ', 'operating'],
    ['งบลงทุน', 'capital'],
    ['3. งบลงทุน', 'capital'],
    ['3.งบลงทุน', 'capital'],
    ['3) งบลงทุน', 'capital'],
    ['๓. งบลงทุน', 'capital'],
    ['2) operating', 'operating'],
    [' งบ\u200bกลาง ', 'central'],
    ['งบ  กลาง', 'central'],
    ['\u202eงบกลาง', 'central'],
    ['งบเงินอุดหนุน', 'subsidy'],
    ['งบรายจ่ายอื่น', 'other'],
    ['งบบุคลากร', 'personnel'],
    // sara am typed as nikhahit + sara aa (decomposed) still matches
    ['งบด\u0e4d\u0e32เนินงาน', 'operating'],
    ['งบพิเศษ', undefined],
    ['capital2', undefined],
    ['3. ', undefined],
    ['3 งบลงทุน', undefined],
    ['งบลงทุน 3.', undefined],
    ['', undefined],
  ])('%j → %j', (text, want) => {
    expect(parseExpenseCategory(text)).toBe(want);
  });

  it('reads back every key and label, with or without a list number', () => {
    for (const [i, c] of EXPENSE_CATEGORIES.entries()) {
      expect(parseExpenseCategory(c)).toBe(c);
      expect(parseExpenseCategory(EXPENSE_CATEGORY_TH[c])).toBe(c);
      expect(parseExpenseCategory(`${i + 1}. ${EXPENSE_CATEGORY_TH[c]}`)).toBe(c);
    }
  });

  it('never guesses: a label with any extra letter is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXPENSE_CATEGORIES),
        fc.constantFrom('ก', 'x', '9', 'ะ'),
        (c, extra) => {
          expect(parseExpenseCategory(EXPENSE_CATEGORY_TH[c] + extra)).toBeUndefined();
          expect(parseExpenseCategory(c + extra)).toBeUndefined();
        },
      ),
    );
  });
});

describe('parseFundSource and the carry-over words', () => {
  it.each([
    ['', 'regular'],
    ['  ', 'regular'],
    ['regular', 'regular'],
    ['Supplementary', 'supplementary'],
    ['government_grant', 'government_grant'],
    ['งบประมาณรายจ่ายประจำปี', 'regular'],
    ['งบประมาณรายจ่ายเพิ่มเติม', 'supplementary'],
    ['เงินอุดหนุนจากรัฐบาล', 'government_grant'],
    ['เงินกันไว้เบิกเหลื่อมปี', 'carried_over'],
    ['loan', undefined],
    ['government grant', undefined],
  ])('fund source %j → %j', (text, want) => {
    expect(parseFundSource(text)).toBe(want);
  });

  it('round-trips every fund source label', () => {
    for (const f of FUND_SOURCES) expect(parseFundSource(FUND_SOURCE_TH[f])).toBe(f);
  });

  it.each([
    ['with_obligation', 'with_obligation'],
    ['WITHOUT_OBLIGATION', 'without_obligation'],
    ['มีหนี้ผูกพัน', 'with_obligation'],
    ['ไม่มีหนี้ผูกพัน', 'without_obligation'],
    ['', undefined],
    ['maybe', undefined],
  ])('carry-over kind %j → %j', (text, want) => {
    expect(parseCarryOverKind(text)).toBe(want);
  });

  it('reads exemptions; empty means counted (null)', () => {
    expect(parseCarryOverExemption('')).toBeNull();
    expect(parseCarryOverExemption('   ')).toBeNull();
    expect(parseCarryOverExemption('multi_year')).toBe('multi_year');
    expect(parseCarryOverExemption('อื่น ๆ')).toBeUndefined();
    for (const e of CARRY_OVER_EXEMPTIONS) {
      expect(parseCarryOverExemption(e)).toBe(e);
      expect(parseCarryOverExemption(CARRY_OVER_EXEMPTION_TH[e])).toBe(e);
    }
  });
});

describe('isStaffCentralFundItem', () => {
  it.each([
    ['เงินช่วยเหลือข้าราชการและลูกจ้าง', true],
    [' เงินช่วยเหลือ ข้าราชการและลูกจ้าง ', true],
    ['เงินบำเหน็จลูกจ้าง', true],
    ['เงินบำเหน็จลูกจ้าง (ประจำ)', true],
    ['เงินบ\u0e4d\u0e32เหน็จลูกจ้าง', true],
    ['เงินสำรองจ่าย', false],
    ['ค่าใช้จ่ายเงินช่วยเหลือข้าราชการและลูกจ้าง', false],
    ['', false],
  ])('%j → %j', (text, want) => {
    expect(isStaffCentralFundItem(text)).toBe(want);
  });
});
