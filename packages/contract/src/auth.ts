import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@pbis/core';
import { roleSchema } from './common.js';

export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_DISTINCT,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  type PasswordProblem,
} from '@pbis/core';

/** The signed-in user, as `GET /auth/me` and sign-in answer it. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitNameTh: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  analysisDivisionNo: z.number().nullable(),
  mustChangePassword: z.boolean(),
});
export type Me = z.input<typeof meSchema>;

/** A session: who is signed in and the token to send in `x-csrf-token` on every write. */
export const sessionSchema = z.object({ user: meSchema, csrfToken: z.string() });
export type Session = z.input<typeof sessionSchema>;

/** POST /auth/login */
export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginBody = z.input<typeof loginBody>;

/** POST /auth/password — the new password must pass @pbis/core's password policy. */
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type ChangePasswordBody = z.input<typeof changePasswordBody>;

/**
 * `details` of a wrong password at sign-in (401 `wrong_credentials`): how many more failures
 * before the account locks. Said the same way whether or not the username exists.
 */
export const wrongCredentialsDetails = z.object({
  reason: z.literal('wrong_credentials'),
  attemptsLeft: z.number().int().min(0),
});
export type WrongCredentialsDetails = z.infer<typeof wrongCredentialsDetails>;
