import { PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH, passwordProblems } from '@pbis/core';
import type { TFunction } from 'i18next';

/**
 * The server's password policy (from @pbis/core), told in the page's language as the user types:
 * the first rule a password breaks, or null.
 */
export function passwordRuleMessage(
  t: TFunction,
  password: string,
  username?: string,
): string | null {
  const [first] = passwordProblems(password, { username });
  return first
    ? t(`auth:account.problems.${first}`, {
        min: PASSWORD_MIN_LENGTH,
        distinct: PASSWORD_MIN_DISTINCT,
      })
    : null;
}

export { PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH };
