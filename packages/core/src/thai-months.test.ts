import { describe, expect, it } from 'vitest';
import { FISCAL_MONTHS, THAI_MONTHS, parseThaiMonth } from './thai-months.js';

describe('Thai months', () => {
  it('calendar order with full names and abbreviations', () => {
    expect(THAI_MONTHS.map((m) => m.abbreviation)).toEqual([
      'ม.ค.',
      'ก.พ.',
      'มี.ค.',
      'เม.ย.',
      'พ.ค.',
      'มิ.ย.',
      'ก.ค.',
      'ส.ค.',
      'ก.ย.',
      'ต.ค.',
      'พ.ย.',
      'ธ.ค.',
    ]);
    expect(THAI_MONTHS[0]).toEqual({
      month: 1,
      name: 'มกราคม',
      abbreviation: 'ม.ค.',
      englishName: 'January',
      englishAbbreviation: 'Jan',
    });
    expect(THAI_MONTHS[11]?.name).toBe('ธันวาคม');
  });

  it('fiscal order is the header of the seed work-plan tables', () => {
    const seedHeader = 'ต.ค.	พ.ย.	ธ.ค.	ม.ค.	ก.พ.	มี.ค.	เม.ย.	พ.ค.	มิ.ย.	ก.ค.	ส.ค.	ก.ย.';
    expect(FISCAL_MONTHS.map((m) => m.abbreviation).join('\t')).toBe(seedHeader);
    expect(FISCAL_MONTHS.map((m) => m.englishAbbreviation).join(' ')).toBe(
      'Oct Nov Dec Jan Feb Mar Apr May Jun Jul Aug Sep',
    );
    expect(FISCAL_MONTHS.map((m) => m.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(FISCAL_MONTHS.map((m) => m.quarter)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(FISCAL_MONTHS[0]).toMatchObject({ month: 10, name: 'ตุลาคม' });
  });

  it.each([
    ['ต.ค.', 10],
    ['ตค', 10],
    ['ตุลาคม', 10],
    ['October', 10],
    ['oct', 10],
    [' มี.ค. ', 3],
    ['ม.ค.', 1],
    ['ก.ย.', 9],
    ['พ.ค.', 5],
    ['พ.ย.', 11],
  ])('parseThaiMonth(%j) = %d', (name, month) => {
    expect(parseThaiMonth(name)).toBe(month);
  });

  it.each([[''], ['ต.ค.ค.'], ['Octo']])('parseThaiMonth(%j) is refused', (name) => {
    expect(() => parseThaiMonth(name)).toThrow('not a month name');
  });

  it('tables are frozen', () => {
    expect(Object.isFrozen(THAI_MONTHS)).toBe(true);
    expect(Object.isFrozen(FISCAL_MONTHS[0])).toBe(true);
  });
});
