import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromThaiDigits, hasThaiDigits, toThaiDigits } from './thai-digits.js';

describe('thai digits', () => {
  it.each([
    ['0123456789', '๐๑๒๓๔๕๖๗๘๙'],
    ['2565', '๒๕๖๕'],
    ['10,991,500.00', '๑๐,๙๙๑,๕๐๐.๐๐'],
    ['พ.ศ. 2564', 'พ.ศ. ๒๕๖๔'],
    ['', ''],
  ])('%s ↔ %s', (arabic, thai) => {
    expect(toThaiDigits(arabic)).toBe(thai);
    expect(fromThaiDigits(thai)).toBe(arabic);
  });

  it('accepts numbers and bigints', () => {
    expect(toThaiDigits(2565)).toBe('๒๕๖๕');
    expect(toThaiDigits(10n)).toBe('๑๐');
  });

  it('mixed text converts only the digits', () => {
    expect(fromThaiDigits('ร้อยละ ๘0')).toBe('ร้อยละ 80');
    expect(hasThaiDigits('ร้อยละ ๘0')).toBe(true);
    expect(hasThaiDigits('ร้อยละ 80')).toBe(false);
  });

  it('round-trips any text without Thai digits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const clean = fromThaiDigits(s);
        expect(fromThaiDigits(toThaiDigits(clean))).toBe(clean);
        expect(/[0-9]/.test(toThaiDigits(s))).toBe(false);
        expect(toThaiDigits(s).length).toBe(s.length);
      }),
    );
  });
});
