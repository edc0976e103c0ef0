import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeThai, nameKey } from './thai-text.js';
import { describeTextProblem, stripFormatCharacters, textProblem } from './text-safety.js';

describe('textProblem', () => {
  it.each<[string, boolean, ReturnType<typeof textProblem>]>([
    ['สำนักงบประมาณ', false, undefined],
    ['a\u0000b', false, 'control_character'],
    ['a\u0000b', true, 'control_character'],
    ['line one\nline two', true, undefined],
    ['line one\nline two', false, 'control_character'],
    ['tab\there', true, undefined],
    ['bell\u0007', true, 'control_character'],
    ['esc\u001b[31m', true, 'control_character'],
    ['del\u007f', false, 'control_character'],
    ['c1\u0085', false, 'control_character'],
    ['lone \uD800 surrogate', false, 'invalid_unicode'],
    ['emoji 😀 is fine', false, undefined],
  ])('%j (multiline %s) → %s', (text, multiline, problem) => {
    expect(textProblem(text, { multiline })).toBe(problem);
  });

  it('has a sentence for each problem', () => {
    expect(describeTextProblem('control_character')).toMatch(/control character/);
    expect(describeTextProblem('invalid_unicode')).toMatch(/invalid Unicode/);
  });

  it('property: text without characters below U+0020 and DEL..U+009F has no problem', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        // eslint-disable-next-line no-control-regex -- the property is about control characters
        fc.pre(!/[\u0000-\u001f\u007f-\u009f]/.test(s));
        expect(textProblem(s)).toBeUndefined();
      }),
    );
  });
});

describe('format characters in names', () => {
  it.each([
    ['\u200B\u200C\u200D\uFEFF', ''],
    ['\u202Eสำนักงบประมาณ', 'สำนักงบประมาณ'],
    ['สำนัก\u2066งบ\u2069ประมาณ\u00AD', 'สำนักงบประมาณ'],
    ['\u200E\u200Fชื่อ\u061C', 'ชื่อ'],
  ])('strips %j', (text, cleaned) => {
    expect(stripFormatCharacters(text)).toBe(cleaned);
    expect(normalizeThai(text)).toBe(cleaned);
  });

  it('a right-to-left override does not make a second name key', () => {
    expect(nameKey('\u202Eสำนักงานเขตพระนคร')).toBe(nameKey('สำนักงานเขตพระนคร'));
  });
});
