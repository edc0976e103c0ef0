import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bangkokDateOf,
  bangkokMidnight,
  civilFromDays,
  daysFromCivil,
  epochMsOf,
} from './civil-date.js';

describe('civil-date', () => {
  it.each([
    [1970, 1, 1, 0],
    [2000, 3, 1, 11_017],
    [2021, 10, 1, 18_901],
    [1600, 2, 29, -135_081],
    [1969, 12, 31, -1],
  ])('%d-%d-%d is day %d', (y, m, d, days) => {
    expect(daysFromCivil(y, m, d)).toBe(days);
    expect(civilFromDays(days)).toEqual({ year: y, month: m, day: d });
  });

  it('agrees with Date.UTC over ±1000 years', () => {
    fc.assert(
      fc.property(fc.integer({ min: -365_000, max: 365_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
    );
  });

  it('Bangkok is UTC+7: 17:00 UTC is already the next day', () => {
    expect(bangkokDateOf(new Date('2021-09-30T16:59:59.999Z'))).toEqual({
      year: 2021,
      month: 9,
      day: 30,
    });
    expect(bangkokDateOf(new Date('2021-09-30T17:00:00Z'))).toEqual({
      year: 2021,
      month: 10,
      day: 1,
    });
    expect(bangkokMidnight(2021, 10, 1).toISOString()).toBe('2021-09-30T17:00:00.000Z');
  });

  it('an invalid date is a validation error', () => {
    expect(() => epochMsOf(new Date('nope'))).toThrow('not a valid date');
    expect(() => epochMsOf('2021-10-01' as unknown as Date)).toThrow('not a valid date');
  });
});
