import { describe, expect, it } from 'vitest';
import { SEED_UNITS } from './organization-data.js';

describe('the seed organisation', () => {
  it('has 71 receiving units: 21 departments and others, 50 district offices', () => {
    expect(SEED_UNITS).toHaveLength(71);
    expect(SEED_UNITS.filter((u) => u.kind === 'district_office')).toHaveLength(50);
  });
  it('splits the district offices 9/10/8/9/7/7 over analysis divisions 1–6', () => {
    const counts = [1, 2, 3, 4, 5, 6].map(
      (n) => SEED_UNITS.filter((u) => u.kind === 'district_office' && u.analysisNo === n).length,
    );
    expect(counts).toEqual([9, 10, 8, 9, 7, 7]);
  });
  it('has unique codes and names', () => {
    expect(new Set(SEED_UNITS.map((u) => u.code)).size).toBe(71);
    expect(new Set(SEED_UNITS.map((u) => u.nameTh)).size).toBe(71);
  });
  it('spells the names the OCR garbled correctly', () => {
    const names = SEED_UNITS.map((u) => u.nameTh);
    for (const n of [
      'สำนักการระบายน้ำ',
      'สำนักการโยธา',
      'สำนักงานเขตราษฎร์บูรณะ',
      'มหาวิทยาลัยนวมินทราธิราช',
      'สำนักงบประมาณกรุงเทพมหานคร',
    ]) {
      expect(names).toContain(n);
    }
  });
});
