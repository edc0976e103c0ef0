/**
 * The one password policy: the server applies it to every password it sets (sign-up by an
 * administrator, a reset, a change, the initial admin's), and the web shows the same answers
 * as the user types. Length is counted in code points, so five emoji are five characters.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** At least this many different characters: `aaaaaaaaaa` and `ababababab` are not passwords. */
export const PASSWORD_MIN_DISTINCT = 5;

export type PasswordProblem =
  'too_short' | 'too_long' | 'too_few_distinct' | 'common' | 'sequence' | 'contains_username';

/*
 * Passwords that head every leaked-password list, and words people build them from (English and
 * Thai in Latin letters, and the organisation's own names). A password is common when it is one
 * of these once digits and symbols around it are taken away (`Password2565!` → `password`).
 */
const COMMON = new Set([
  'password',
  'passw0rd',
  'p@ssword',
  'p@ssw0rd',
  'pass',
  'passwd',
  'passcode',
  'admin',
  'administrator',
  'root',
  'user',
  'guest',
  'login',
  'welcome',
  'letmein',
  'changeme',
  'secret',
  'default',
  'master',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'princess',
  'sunshine',
  'iloveyou',
  'loveyou',
  'superman',
  'batman',
  'trustno',
  'shadow',
  'michael',
  'jordan',
  'hello',
  'freedom',
  'whatever',
  'starwars',
  'computer',
  'internet',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'abc',
  'abcd',
  'abcdef',
  'test',
  'testing',
  'tester',
  'demo',
  'temp',
  'temporary',
  'sample',
  'example',
  'budget',
  'bangkok',
  'thailand',
  'krungthep',
  'bma',
  'pbis',
  'budgetoffice',
  'sawasdee',
  'sawadee',
  'sawaddee',
  'rakthai',
  'chaiyo',
]);

/** Keyboard rows and the alphabet: a password that is one run along them is a sequence. */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

const codePoints = (s: string) => [...s];

function isRun(lower: string): boolean {
  if (lower.length < 4) return false;
  for (const run of RUNS) {
    for (const r of [run, [...run].reverse().join('')]) if (r.includes(lower)) return true;
  }
  // a constant step between code points (1357913579…, ace…) is a sequence too
  const cps = codePoints(lower).map((c) => c.codePointAt(0)!);
  const step = cps[1]! - cps[0]!;
  return cps.every((c, i) => i === 0 || c - cps[i - 1]! === step);
}

/** The core of a password without the digits and symbols people add around a word. */
const wordOf = (lower: string) => lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Every rule the password breaks; empty when it may be used. */
export function passwordProblems(
  password: string,
  context: { username?: string | undefined } = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const cps = codePoints(password);
  if (cps.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (cps.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (new Set(cps.filter((c) => c.trim() !== '')).size < PASSWORD_MIN_DISTINCT)
    problems.push('too_few_distinct');
  const lower = password.toLowerCase().normalize('NFKC');
  const word = wordOf(lower);
  const compact = lower.replace(/[\s._-]+/g, '');
  if (COMMON.has(compact) || COMMON.has(word) || (word.length >= 3 && COMMON.has(wordOf(compact))))
    problems.push('common');
  else if (isRun(compact) || (word.length >= 4 && isRun(word) && word.length >= cps.length - 4))
    problems.push('sequence');
  const username = context.username?.trim().toLowerCase();
  if (username && username.length >= 3 && lower.includes(username))
    problems.push('contains_username');
  return problems;
}

const ENGLISH: Record<PasswordProblem, string> = {
  too_short: `at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `at most ${PASSWORD_MAX_LENGTH} characters`,
  too_few_distinct: `at least ${PASSWORD_MIN_DISTINCT} different characters`,
  common: 'not a common password or a common word with digits added',
  sequence: 'not a run of keys or letters such as 123456 or qwerty',
  contains_username: 'not containing the username',
};

/** One English sentence for the server's error message; the web shows its own Thai text per code. */
export function describePasswordProblems(problems: readonly PasswordProblem[]): string {
  return `the password must be ${problems.map((p) => ENGLISH[p]).join('; ')}`;
}
