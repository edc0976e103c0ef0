import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareThai, editDistance, findNearMisses, nameKey, normalizeThai } from './thai-text.js';

describe('normalizeThai', () => {
  it.each([
    ['  สำนักการ  ระบายน้ำ ', 'สำนักการ ระบายน้ำ'],
    ['สำนักการระบายน\u0E49\u0E4D\u0E32', 'สำนักการระบายน้ำ'], // tone + decomposed sara am
    ['สำนักการระบายน\u0E4D\u0E49\u0E32', 'สำนักการระบายน้ำ'], // nikhahit, tone, sara aa
    ['ส\u0E4D\u0E32นักงบประมาณ', 'สำนักงบประมาณ'],
    ['สำนัก\u200Bงบ\u00A0ประมาณ', 'สำนักงบ ประมาณ'],
    ['\uFEFFสำนักอนามัย', 'สำนักอนามัย'],
  ])('%j → %j', (input, expected) => expect(normalizeThai(input)).toBe(expected));

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => normalizeThai(normalizeThai(s)) === normalizeThai(s)),
    );
  });
});

describe('nameKey', () => {
  it('ignores spacing so "สำนักงาน ก.ก." matches "สำนักงานก.ก."', () => {
    expect(nameKey('สำนักงาน ก.ก.')).toBe(nameKey('สำนักงานก.ก.'));
  });
});

describe('compareThai', () => {
  it('sorts in Thai dictionary order, leading vowels skipped', () => {
    const names = ['เขตบางรัก', 'กรุงเทพ', 'ไทย', 'ขอนแก่น', 'คลองเตย'];
    expect([...names].sort(compareThai)).toEqual([
      'กรุงเทพ',
      'ขอนแก่น',
      'เขตบางรัก',
      'คลองเตย',
      'ไทย',
    ]);
  });
});

describe('editDistance and findNearMisses', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['สำนักอนามัย', 'สำนักอนามย', 1],
    ['abc', 'abc', 0],
  ])('%s ~ %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it('stops early beyond max', () => expect(editDistance('aaaa', 'bbbbbbbb', 2)).toBe(3));

  it('is symmetric', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (a, b) => editDistance(a, b) === editDistance(b, a),
      ),
    );
  });

  it('finds a unit name with a missing vowel or an extra letter, not an exact match', () => {
    const known = ['สำนักการระบายน้ำ', 'สำนักการโยธา', 'สำนักงานเขตราษฎร์บูรณะ'];
    expect(findNearMisses('สำนักการระบายน้ำ', known, nameKey)).toEqual([]);
    expect(findNearMisses('สำนักการระบายนำ', known, nameKey).map((m) => m.item)).toEqual([
      'สำนักการระบายน้ำ',
    ]);
    expect(findNearMisses('สำนักงานเขตราษฎร์บูรณ', known, nameKey)[0]?.item).toBe(
      'สำนักงานเขตราษฎร์บูรณะ',
    );
    expect(findNearMisses('สำนักการแพทย์', known, nameKey)).toEqual([]);
  });
});
