import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import {
  AppError,
  describePasswordProblems,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_DISTINCT,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  type PasswordProblem,
} from '@pbis/core';
import type { FieldError } from '@pbis/contract';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 iterations.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** A broken password rule as a field error: `password_too_short` with the minimum, … */
const passwordFieldError = (path: string, problem: PasswordProblem): FieldError => {
  const reason = `password_${problem}` as const;
  if (problem === 'too_short') return { path, reason, params: { min: PASSWORD_MIN_LENGTH } };
  if (problem === 'too_long') return { path, reason, params: { max: PASSWORD_MAX_LENGTH } };
  if (problem === 'too_few_distinct')
    return { path, reason, params: { distinct: PASSWORD_MIN_DISTINCT } };
  return { path, reason };
};

/**
 * Core's password policy, as a 400 `weak_password` naming every rule broken: `details.problems`
 * (core's problem codes) and one field error per rule on the password's field.
 */
export function checkPasswordRules(
  password: string,
  context: { username?: string | undefined; field?: string } = {},
): void {
  const problems = passwordProblems(password, context);
  const field = context.field ?? 'password';
  if (problems.length)
    throw new AppError('validation', describePasswordProblems(problems), {
      reason: 'weak_password',
      problems,
      fields: problems.map((p) => passwordFieldError(field, p)),
    });
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> =>
  (dummyHash ??= hashPassword('not-a-real-password'));

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
export function generatePassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
