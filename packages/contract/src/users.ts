import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@pbis/core';
import { meSchema } from './auth.js';
import {
  analysisDivisionNo,
  isoDateTime,
  listOf,
  nameText,
  pageQuery,
  roleSchema,
  versionField,
} from './common.js';
import {
  USERNAME_PATTERN,
  USERNAME_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  USER_STATUSES,
} from './constants.js';

export const usernameSchema = z
  .string()
  .trim()
  .min(USERNAME_MIN_LENGTH)
  .max(USERNAME_MAX_LENGTH)
  .regex(USERNAME_PATTERN, 'letters, digits, dot, dash, underscore or @');

/** A user as an admin sees them: the signed-in shape plus scope ids, state and version. */
export const userSchema = meSchema.omit({ unitNameEn: true }).extend({
  analysisDivisionId: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: isoDateTime.nullable(),
  lockedUntil: isoDateTime.nullable().optional().describe('end of a sign-in lockout in force'),
  createdAt: isoDateTime,
  version: z.number(),
});
export type User = z.input<typeof userSchema>;

/** GET /users */
export const userListQuery = z.object({
  q: z.string().max(100).optional(),
  role: roleSchema.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  status: z.enum(USER_STATUSES).optional(),
  ...pageQuery,
});
export type UserListQuery = z.input<typeof userListQuery>;
export const userListSchema = listOf(userSchema);
export type UserList = z.input<typeof userListSchema>;

const scopeFields = {
  unitId: z.uuid().nullish(),
  unitCode: z.string().trim().min(1).max(20).nullish().describe('alternative to unitId'),
  analysisDivisionNo: analysisDivisionNo.nullish(),
};

/** POST /users */
export const userInputSchema = z.object({
  username: usernameSchema,
  displayName: nameText(DISPLAY_NAME_MAX_LENGTH, 0).default(''),
  role: roleSchema,
  ...scopeFields,
  password: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH)
    .optional()
    .describe('omit to generate a temporary password'),
});
export type UserInput = z.input<typeof userInputSchema>;

/** The fields of a user an admin may change. */
export const userPatchSchema = z.object({
  displayName: nameText(DISPLAY_NAME_MAX_LENGTH, 0).optional(),
  role: roleSchema.optional(),
  ...scopeFields,
  active: z.boolean().optional(),
});
/** PATCH /users/:id */
export const userPatchBody = userPatchSchema.extend({ version: versionField });
export type UserPatch = z.input<typeof userPatchBody>;

/** POST /users answers the user and, when none was given, the generated temporary password. */
export const createdUserSchema = z.object({
  user: userSchema,
  temporaryPassword: z.string().optional(),
});
export type CreatedUser = z.input<typeof createdUserSchema>;

/** POST /users/:id/reset-password */
export const resetPasswordBody = z.object({
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
});
export type ResetPasswordBody = z.input<typeof resetPasswordBody>;
export const resetPasswordSchema = z.object({ temporaryPassword: z.string().optional() });
export type ResetPasswordResult = z.input<typeof resetPasswordSchema>;
