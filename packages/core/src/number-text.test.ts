import { describe, expect, it } from 'vitest';
import { lexNumberText } from './number-text.js';
import { AppError } from './errors.js';

describe('lexNumberText', () => {
  it.each([
    ['12', false, '12', ''],
    [' -1,234.50 ', true, '1234', '50'],
    ['+7', false, '7', ''],
    ['\u22123', true, '3', ''],
    ['- 5', true, '5', ''],
    ['๑๒.๕', false, '12', '5'],
  ])('%j', (text, negative, integerDigits, fractionDigits) => {
    expect(lexNumberText(text, 'number')).toMatchObject({
      negative,
      integerDigits,
      fractionDigits,
    });
  });

  it.each([
    ['', 'empty number'],
    ['   ', 'empty number'],
    ['NaN', 'not a finite number'],
    ['-Infinity', 'not a finite number'],
    ['inf', 'not a finite number'],
    ['1e5', 'exponent notation'],
    ['2.5E-3', 'exponent notation'],
    ['abc', "not a number: 'abc'"],
    ['1.2.3', 'two decimal points'],
    ['1,23', 'misplaced thousands separator'],
    ['1234,567', 'misplaced thousands separator'],
    ['1.234,5', 'thousands separator after the decimal point'],
    ['.5', 'no digits before the decimal point'],
    ['5.', 'no digits after the decimal point'],
    ['-', 'not a number'],
    [',', 'not a number'],
    ['1'.repeat(101), 'too long'],
  ])('%j is refused: %s', (text, message) => {
    expect(() => lexNumberText(text, 'number')).toThrow(message);
    try {
      lexNumberText(text, 'number');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation');
    }
  });
});
