import { bangkokInstantMs } from '@pbis/core';
import { z } from 'zod';
import { isoDateTime, uuidSchema } from './common.js';
import { ACTIVITY_LIMIT_DEFAULT } from './constants.js';

/**
 * A day (YYYY-MM-DD, Bangkok) or an ISO time (without an offset: Bangkok time) in a query; as
 * `to` a day means up to the end of that day. Impossible dates (2025-02-30) are refused.
 */
export const bangkokInstantQuery = (endOfDay: boolean) =>
  z
    .string()
    .max(40)
    .transform((s, ctx) => {
      const ms = bangkokInstantMs(s, endOfDay);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `not a date such as 2026-11-25: ${s}` });
        return z.NEVER;
      }
      return new Date(ms);
    });

/**
 * Who or what an entry changed, as a person names it: a user by username, a unit by code and
 * Thai name, a division by Thai name, a period lock or fiscal year by its year (and month, 0 =
 * the whole year). Null when the entry is about nothing nameable (a sign-in, an import file).
 */
export const auditSubjectSchema = z.object({
  username: z.string().optional(),
  code: z.string().optional(),
  nameTh: z.string().optional(),
  fiscalYear: z.number().int().optional(),
  month: z.number().int().optional(),
});
export type AuditSubject = z.input<typeof auditSubjectSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: isoDateTime,
  userId: z.string().nullable(),
  /** The username recorded with the entry (the CLI: pbis-cli, the seed: pbis-seed). */
  username: z.string().nullable(),
  /** The actor's username now (renamed users), else the recorded one. */
  actorUsername: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  subject: auditSubjectSchema.nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /**
   * A name for every id in `before`, `after`, `entityId` and `userId` that the reader may see:
   * user ids → usernames; unit, division and organisation ids → Thai names. Ids absent here are shown as ids.
   */
  names: z.record(z.string(), z.string()),
  hash: z.string(),
});
export type AuditEntry = z.input<typeof auditEntrySchema>;

/** GET /audit */
export const auditQuery = z.object({
  userId: uuidSchema.optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(60).optional(),
  from: bangkokInstantQuery(false).optional(),
  to: bangkokInstantQuery(true)
    .optional()
    .describe('inclusive: a date means up to the end of that day'),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBeforeSeq: z.number().int().nullable(),
  entities: z.array(z.string()),
  users: z.array(z.object({ userId: z.string(), username: z.string() })),
});
export type AuditList = z.input<typeof auditListSchema>;

/** GET /audit/verify */
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenSeq: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditVerify = z.input<typeof auditVerifySchema>;

export const activityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(ACTIVITY_LIMIT_DEFAULT),
});
export type ActivityQuery = z.input<typeof activityQuery>;
export const activityListSchema = z.object({ items: z.array(auditEntrySchema) });
export type ActivityList = z.input<typeof activityListSchema>;

/**
 * GET /audit/sign-in-failures (admin): wrong passwords per username, address and hour, newest
 * first. `username` is '' for names that are no account (they are counted together).
 */
export const signInFailuresQuery = z.object({
  username: z.string().max(100).optional(),
  from: bangkokInstantQuery(false).optional(),
  to: bangkokInstantQuery(true).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SignInFailuresQuery = z.input<typeof signInFailuresQuery>;

export const signInFailureSchema = z.object({
  username: z.string(),
  ip: z.string(),
  hour: isoDateTime,
  failures: z.number().int(),
  firstAt: isoDateTime,
  lastAt: isoDateTime,
});
export type SignInFailure = z.input<typeof signInFailureSchema>;
export const signInFailureListSchema = z.object({ items: z.array(signInFailureSchema) });
export type SignInFailureList = z.input<typeof signInFailureListSchema>;
