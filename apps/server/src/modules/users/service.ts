import { AppError, staleVersion, type Role } from '@pbis/core';
import { z } from 'zod';
import type { Database, Executor } from '../../db/client.js';
import type { appUser } from '../../db/schema.js';
import { nameText, roleSchema } from '../../http/schemas.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import {
  checkPasswordRules,
  generatePassword,
  hashPassword,
  verifyPassword,
} from '../auth/passwords.js';
import {
  lockedUsernames,
  markAttemptSucceeded,
  recordLoginAttempt,
  revokeUserSessions,
} from '../auth/repository.js';
import {
  LOCKOUT_FAILURES,
  LOCKOUT_WINDOW_MS,
  reserveSignInAttempt,
  wrongPasswordError,
} from '../auth/service.js';
import type { SessionInfo } from '../auth/service.js';
import * as orgRepo from '../org/repository.js';
import * as repo from './repository.js';

type UserRow = typeof appUser.$inferSelect;

/** What the audit trail may see of a user: never the password hash. */
export function auditableUser(u: UserRow) {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits, dot, dash, underscore or @');

export const userInputSchema = z.object({
  username: usernameSchema,
  displayName: nameText(200, 0).default(''),
  role: roleSchema,
  unitId: z.string().uuid().nullish(),
  unitCode: z.string().trim().min(1).max(20).nullish().describe('alternative to unitId'),
  analysisDivisionNo: z.number().int().min(1).max(99).nullish(),
  password: z.string().min(1).max(256).optional().describe('omit to generate a temporary password'),
});
export type UserInput = z.infer<typeof userInputSchema>;

export const userPatchSchema = z.object({
  displayName: nameText(200, 0).optional(),
  role: roleSchema.optional(),
  unitId: z.string().uuid().nullish(),
  unitCode: z.string().trim().min(1).max(20).nullish(),
  analysisDivisionNo: z.number().int().min(1).max(99).nullish(),
  active: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;

/** A role's scope: unit officers need a unit, analysts an analysis division, others neither. */
async function resolveScope(
  db: Executor,
  organizationId: string,
  role: Role,
  s: {
    unitId?: string | null | undefined;
    unitCode?: string | null | undefined;
    analysisDivisionNo?: number | null | undefined;
  },
) {
  if (role === 'unit_officer') {
    let unitId = s.unitId ?? null;
    if (!unitId && s.unitCode) {
      const u = await orgRepo.findUnitByCodeOrName(db, organizationId, s.unitCode, s.unitCode);
      if (!u) throw new AppError('validation', `there is no receiving unit ${s.unitCode}`);
      unitId = u.id;
    }
    if (!unitId)
      throw new AppError(
        'validation',
        'a unit officer needs a receiving unit (unitId or unitCode)',
      );
    const unit = await orgRepo.getUnit(db, organizationId, unitId);
    if (!unit) throw new AppError('validation', 'there is no such receiving unit');
    return { unitId, analysisDivisionId: null };
  }
  if (role === 'budget_analyst') {
    if (!s.analysisDivisionNo)
      throw new AppError(
        'validation',
        'a budget analyst needs an analysis division (analysisDivisionNo)',
      );
    const d = await orgRepo.divisionByAnalysisNo(db, organizationId, s.analysisDivisionNo);
    if (!d)
      throw new AppError('validation', `there is no analysis division ${s.analysisDivisionNo}`);
    return { unitId: null, analysisDivisionId: d.id };
  }
  return { unitId: null, analysisDivisionId: null };
}

/** Users with `lockedUntil`: the end of a sign-in lockout in force, else null. */
export async function listUsers(
  database: Database,
  actor: Actor,
  q: Omit<repo.UserQuery, 'organizationId'>,
) {
  const users = await repo.listUsers(database.db, { ...q, organizationId: actor.organizationId });
  const now = Date.now();
  const locked = await lockedUsernames(
    database.db,
    new Date(now - LOCKOUT_WINDOW_MS),
    LOCKOUT_FAILURES,
  );
  return users.map((u) => {
    const last = locked.get(u.username.toLowerCase());
    return { ...u, lockedUntil: last ? new Date(last.getTime() + LOCKOUT_WINDOW_MS) : null };
  });
}

export async function createUser(database: Database, actor: Actor, input: UserInput) {
  const scope = await resolveScope(database.db, actor.organizationId, input.role, input);
  const temporaryPassword = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? temporaryPassword!;
  checkPasswordRules(password, { username: input.username });
  const passwordHash = await hashPassword(password);
  return runWrite(database, actor, async ({ tx, audit }) => {
    if (await repo.usernameTaken(tx, input.username))
      throw new AppError('conflict', `username ${input.username} is taken`);
    const row = await repo.insertUser(tx, {
      organizationId: actor.organizationId,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      ...scope,
      mustChangePassword: actor.kind === 'user',
    });
    audit({ action: 'create', entity: 'user', entityId: row.id, after: auditableUser(row) });
    return { user: (await repo.getUser(tx, actor.organizationId, row.id))!, temporaryPassword };
  });
}

export async function updateUser(
  database: Database,
  actor: Actor,
  id: string,
  version: number,
  patch: UserPatch,
) {
  const before = await repo.getUserRow(database.db, actor.organizationId, id);
  if (!before) throw new AppError('not_found', 'no such user');
  const role = patch.role ?? before.role;
  const scopeTouched =
    patch.role !== undefined ||
    patch.unitId !== undefined ||
    patch.unitCode !== undefined ||
    patch.analysisDivisionNo !== undefined;
  const scope = scopeTouched
    ? await resolveScope(database.db, actor.organizationId, role, {
        unitId: patch.unitId === undefined && !patch.unitCode ? before.unitId : patch.unitId,
        unitCode: patch.unitCode,
        analysisDivisionNo: patch.analysisDivisionNo,
        ...(patch.analysisDivisionNo === undefined && before.analysisDivisionId
          ? await currentDivisionNo(database, actor, before.analysisDivisionId)
          : {}),
      })
    : {};
  if (actor.userId === id && (patch.active === false || (patch.role && patch.role !== 'admin'))) {
    throw new AppError(
      'business_rule',
      'you cannot disable yourself or remove your own admin role',
    );
  }
  return runWrite(database, actor, async ({ tx, audit, now }) => {
    const after = await repo.updateUser(
      tx,
      id,
      version,
      {
        ...(patch.displayName !== undefined && { displayName: patch.displayName }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.active !== undefined && { active: patch.active }),
        ...scope,
      },
      now,
    );
    if (!after) throw staleVersion('user', version, before.version);
    if (before.role === 'admin' && (await repo.countActiveAdmins(tx, actor.organizationId)) === 0) {
      throw new AppError('business_rule', 'at least one active admin must remain');
    }
    if (!after.active || scopeTouched) await revokeUserSessions(tx, id, now);
    audit({
      action:
        patch.active === false
          ? 'disable'
          : patch.active === true && !before.active
            ? 'enable'
            : 'update',
      entity: 'user',
      entityId: id,
      before: auditableUser(before),
      after: auditableUser(after),
    });
    return (await repo.getUser(tx, actor.organizationId, id))!;
  });
}

async function currentDivisionNo(database: Database, actor: Actor, divisionId: string) {
  const divisions = await orgRepo.listDivisions(database.db, actor.organizationId);
  return { analysisDivisionNo: divisions.find((d) => d.id === divisionId)?.analysisNo ?? null };
}

/** An admin sets a new password (or gets a generated one); the user must change it at next sign-in. */
export async function resetPassword(
  database: Database,
  actor: Actor,
  id: string,
  password: string | undefined,
) {
  const temporaryPassword = password === undefined ? generatePassword() : undefined;
  const next = password ?? temporaryPassword!;
  const target = await repo.getUserRow(database.db, actor.organizationId, id);
  checkPasswordRules(next, { username: target?.username });
  const passwordHash = await hashPassword(next);
  return runWrite(database, actor, async ({ tx, audit, now }) => {
    const before = await repo.getUserRow(tx, actor.organizationId, id);
    if (!before) throw new AppError('not_found', 'no such user');
    const after = await repo.updateUser(
      tx,
      id,
      null,
      { passwordHash, mustChangePassword: actor.userId !== id },
      now,
    );
    await revokeUserSessions(tx, id, now);
    await recordLoginAttempt(tx, before.username.toLowerCase(), true, 'password-reset', now);
    audit({
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      before: auditableUser(before),
      after: auditableUser(after!),
    });
    return { temporaryPassword };
  });
}

/** Clears a sign-in lockout (the failures stay on record). */
export async function unlockUser(database: Database, actor: Actor, id: string) {
  await runWrite(database, actor, async ({ tx, audit, now }) => {
    const u = await repo.getUserRow(tx, actor.organizationId, id);
    if (!u) throw new AppError('not_found', 'no such user');
    await recordLoginAttempt(tx, u.username.toLowerCase(), true, 'admin-unlock', now);
    audit({
      action: 'unlock',
      entity: 'user',
      entityId: id,
      after: { username: u.username, unlockedAt: now },
    });
  });
}

export async function changeOwnPassword(
  database: Database,
  session: SessionInfo,
  input: { currentPassword: string; newPassword: string; ip: string | null },
) {
  const actor = session.actor;
  const { currentPassword: current, newPassword: next } = input;
  const row = await repo.getUserRow(database.db, actor.organizationId, actor.userId!);
  if (!row) throw new AppError('not_found', 'no such user');
  // A wrong current password is a wrong password: it counts toward the same limits as sign-in.
  const started = new Date();
  const { attemptId, after } = await reserveSignInAttempt(
    database,
    row.username.toLowerCase(),
    input.ip,
    started,
  );
  if (!(await verifyPassword(row.passwordHash, current))) {
    const e = wrongPasswordError(after, 'the current password is wrong', started);
    throw e.code === 'unauthenticated'
      ? new AppError('validation', e.message, {
          reason: 'wrong_current_password',
          field: 'currentPassword',
        })
      : e;
  }
  await markAttemptSucceeded(database.db, attemptId);
  if (current === next)
    throw new AppError('validation', 'the new password must differ from the current one', {
      reason: 'same_password',
      field: 'newPassword',
    });
  checkPasswordRules(next, { username: row.username, field: 'newPassword' });
  const passwordHash = await hashPassword(next);
  await runWrite(database, actor, async ({ tx, audit, now }) => {
    const after = await repo.updateUser(
      tx,
      row.id,
      null,
      { passwordHash, mustChangePassword: false },
      now,
    );
    await revokeUserSessions(tx, row.id, now, session.sessionId);
    audit({
      action: 'change_password',
      entity: 'user',
      entityId: row.id,
      before: auditableUser(row),
      after: auditableUser(after!),
    });
  });
}

/** One line per user for `pbis users list`: username, role, scope. */
export function scopeLabel(u: {
  role: Role;
  unitCode: string | null;
  unitNameTh: string | null;
  analysisDivisionNo: number | null;
}): string {
  if (u.role === 'unit_officer') return `unit ${u.unitCode} ${u.unitNameTh ?? ''}`.trim();
  if (u.role === 'budget_analyst') return `analysis division ${u.analysisDivisionNo}`;
  return 'all units';
}
