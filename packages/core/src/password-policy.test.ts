import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describePasswordProblems,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  type PasswordProblem,
} from './password-policy.js';

describe('passwordProblems', () => {
  it.each<[string, PasswordProblem[], string?]>([
    ['aaaaaaaaaa', ['too_few_distinct', 'sequence']],
    [' '.repeat(10), ['too_few_distinct']],
    ['ababababab', ['too_few_distinct']],
    ['😀😁😂🤣😃', ['too_short']],
    ['short', ['too_short']],
    ['x'.repeat(257), ['too_long', 'too_few_distinct', 'sequence']],
    ['password123', ['common']],
    ['Password2565!', ['common']],
    ['P@ssw0rd-2024', ['common']],
    ['pass word 1234', ['common']],
    ['qwertyuiop', ['common']],
    ['1234567890', ['sequence']],
    ['0987654321', ['sequence']],
    ['abcdefghijk', ['sequence']],
    ['zyxwvutsrq', ['sequence']],
    ['acegikmoqs', ['sequence']],
    ['somchai-garden-77', ['contains_username'], 'somchai'],
    ['correct-horse-battery', []],
    ['e2e-harbour-pass-123', []],
    ['รหัสผ่านที่ยาวพอ', []],
    ['ฟ้าใสใจดี2565', []],
    ['violet-meadow-river', [], 'admin'],
  ])('%j → %j', (password, problems, username) => {
    expect(passwordProblems(password, { username })).toEqual(problems);
  });

  it('counts code points, not UTF-16 units: ten emoji of five kinds are enough characters', () => {
    expect(passwordProblems('😀😁😂🤣😃😀😁😂🤣😃')).not.toContain('too_short');
  });

  it('a username shorter than 3 is not looked for', () => {
    expect(passwordProblems('ab-winter-lake-9', { username: 'ab' })).toEqual([]);
  });

  it('property: every password of 10+ distinct random letters and digits passes unless it is a run', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...'bdfhkmpqsuwyBDFHKMPQ7395'), {
          minLength: PASSWORD_MIN_LENGTH,
          maxLength: 20,
        }),
        (chars) => {
          const problems = passwordProblems(chars.join(''));
          expect(problems.filter((p) => p !== 'sequence')).toEqual([]);
        },
      ),
    );
  });

  it('property: fewer than 10 code points is always too short', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 9 }), (s) => {
        fc.pre([...s].length < PASSWORD_MIN_LENGTH);
        expect(passwordProblems(s)).toContain('too_short');
      }),
    );
  });

  it('describes every broken rule in one English sentence', () => {
    expect(describePasswordProblems(['too_short', 'common'])).toBe(
      'the password must be at least 10 characters; not a common password or a common word with digits added',
    );
  });
});
