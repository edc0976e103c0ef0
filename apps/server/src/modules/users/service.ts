import { AppError, scopeKindOf, staleVersion, type Role } from '@pbis/core';
import { fieldDetails } from '@pbis/contract';
import type { userInputSchema, userPatchSchema, UserStatus } from '@pbis/contract';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client.js';
import type { appUser } from '../../db/schema.js';
import { withScope } from '../../db/scoped.js';
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
  wrongPassword,
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

export type UserInput = z.output<typeof userInputSchema>;
export type UserPatch = z.output<typeof userPatchSchema>;

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
  if (scopeKindOf(role) === 'unit') {
    let unitId = s.unitId ?? null;
    if (!unitId && s.unitCode) {
      const u = await orgRepo.findUnitByCodeOrName(db, organizationId, s.unitCode, s.unitCode);
      if (!u)
        throw new AppError(
          'validation',
          `there is no receiving unit ${s.unitCode}`,
          fieldDetails('unitCode', 'no_such_unit', { code: s.unitCode }),
        );
      unitId = u.id;
    }
    if (!unitId)
      throw new AppError(
        'validation',
        'a unit officer needs a receiving unit (unitId or unitCode)',
        fieldDetails('unitId', 'unit_required'),
      );
    const unit = await orgRepo.getUnit(db, organizationId, unitId);
    if (!unit)
      throw new AppError(
        'validation',
        'there is no such receiving unit',
        fieldDetails('unitId', 'no_such_unit'),
      );
    return { unitId, analysisDivisionId: null };
  }
  if (scopeKindOf(role) === 'division') {
    if (!s.analysisDivisionNo)
      throw new AppError(
        'validation',
        'a budget analyst needs an analysis division (analysisDivisionNo)',
        fieldDetails('analysisDivisionNo', 'division_required'),
      );
    const d = await orgRepo.divisionByAnalysisNo(db, organizationId, s.analysisDivisionNo);
    if (!d)
      throw new AppError(
        'validation',
        `there is no analysis division ${s.analysisDivisionNo}`,
        fieldDetails('analysisDivisionNo', 'no_such_division', { no: s.analysisDivisionNo }),
      );
    return { unitId: null, analysisDivisionId: d.id };
  }
  return { unitId: null, analysisDivisionId: null };
}

const resolveScopeOf = (
  database: Database,
  actor: Actor,
  role: Role,
  s: Parameters<typeof resolveScope>[3],
) => withScope(database, actor, (tx) => resolveScope(tx, actor.organizationId, role, s));

/** Users with `lockedUntil`: the end of a sign-in lockout in force, else null. */
export async function listUsers(
  database: Database,
  actor: Actor,
  q: Omit<repo.UserQuery, 'organizationId'>,
) {
  const now = Date.now();
  const { users, locked } = await withScope(database, actor, async (tx) => ({
    users: await repo.listUsers(tx, { ...q, organizationId: actor.organizationId }),
    locked: await lockedUsernames(tx, new Date(now - LOCKOUT_WINDOW_MS), LOCKOUT_FAILURES),
  }));
  return users.map((u) => {
    const last = locked.get(u.username.toLowerCase());
    return { ...u, lockedUntil: last ? new Date(last.getTime() + LOCKOUT_WINDOW_MS) : null };
  });
}

/** Whether a listed user has a status of the users list's filter (a user may have several). */
export function hasUserStatus(
  u: { active: boolean; mustChangePassword: boolean; lockedUntil: Date | null },
  status: UserStatus,
): boolean {
  switch (status) {
    case 'active':
      return u.active && u.lockedUntil === null;
    case 'disabled':
      return !u.active;
    case 'locked':
      return u.lockedUntil !== null;
    case 'must_change_password':
      return u.active && u.mustChangePassword;
  }
}

/**
 * One page of the users list: filtered by status, `limit` rows from `offset`, and the total.
 * The lockout state comes from the sign-in attempts, so the status filter runs on the listed
 * users (an organisation has hundreds of users, not millions).
 */
export async function listUsersPage(
  database: Database,
  actor: Actor,
  q: Omit<repo.UserQuery, 'organizationId'> & {
    status?: UserStatus | undefined;
    limit: number;
    offset: number;
  },
) {
  const { status, limit, offset, ...filter } = q;
  const all = await listUsers(database, actor, filter);
  const matching = status ? all.filter((u) => hasUserStatus(u, status)) : all;
  return { items: matching.slice(offset, offset + limit), total: matching.length };
}

export async function createUser(database: Database, actor: Actor, input: UserInput) {
  const scope = await withScope(database, actor, (tx) =>
    resolveScope(tx, actor.organizationId, input.role, input),
  );
  const temporaryPassword = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? temporaryPassword!;
  checkPasswordRules(password, { username: input.username });
  const passwordHash = await hashPassword(password);
  return runWrite(database, actor, async ({ tx, audit }) => {
    if (await repo.usernameTaken(tx, input.username))
      throw new AppError(
        'conflict',
        `username ${input.username} is taken`,
        fieldDetails('username', 'username_taken', { username: input.username }),
      );
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
  const before = await withScope(database, actor, (tx) =>
    repo.getUserRow(tx, actor.organizationId, id),
  );
  if (!before) throw new AppError('not_found', 'no such user', { reason: 'user_not_found' });
  const role = patch.role ?? before.role;
  const scopeTouched =
    patch.role !== undefined ||
    patch.unitId !== undefined ||
    patch.unitCode !== undefined ||
    patch.analysisDivisionNo !== undefined;
  const scope = scopeTouched
    ? await resolveScopeOf(database, actor, role, {
        unitId: patch.unitId === undefined && !patch.unitCode ? before.unitId : patch.unitId,
        unitCode: patch.unitCode,
        analysisDivisionNo: patch.analysisDivisionNo,
        ...(patch.analysisDivisionNo === undefined && before.analysisDivisionId
          ? await currentDivisionNo(database, actor, before.analysisDivisionId)
          : {}),
      })
    : {};
  if (actor.userId === id && patch.active === false)
    throw new AppError('business_rule', 'you cannot disable yourself', {
      reason: 'cannot_disable_self',
    });
  if (actor.userId === id && patch.role && patch.role !== 'admin')
    throw new AppError('business_rule', 'you cannot remove your own admin role', {
      reason: 'cannot_demote_self',
    });
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
      throw new AppError('business_rule', 'at least one active admin must remain', {
        reason: 'last_admin',
      });
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
  const divisions = await withScope(database, actor, (tx) =>
    orgRepo.listDivisions(tx, actor.organizationId),
  );
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
  const target = await withScope(database, actor, (tx) =>
    repo.getUserRow(tx, actor.organizationId, id),
  );
  checkPasswordRules(next, { username: target?.username });
  const passwordHash = await hashPassword(next);
  return runWrite(database, actor, async ({ tx, audit, now }) => {
    const before = await repo.getUserRow(tx, actor.organizationId, id);
    if (!before) throw new AppError('not_found', 'no such user', { reason: 'user_not_found' });
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
    if (!u) throw new AppError('not_found', 'no such user', { reason: 'user_not_found' });
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
  const row = await withScope(database, actor, (tx) =>
    repo.getUserRow(tx, actor.organizationId, actor.userId!),
  );
  if (!row) throw new AppError('not_found', 'no such user', { reason: 'user_not_found' });
  // A wrong current password is a wrong password: it counts toward the same limits as sign-in.
  const started = new Date();
  const { attemptId, after } = await reserveSignInAttempt(
    database,
    row.username.toLowerCase(),
    input.ip,
    started,
  );
  if (!(await verifyPassword(row.passwordHash, current))) {
    const e = await wrongPassword(
      database,
      row.username.toLowerCase(),
      input.ip,
      after,
      'the current password is wrong',
      started,
    );
    throw e.code === 'unauthenticated'
      ? new AppError(
          'validation',
          e.message,
          fieldDetails('currentPassword', 'wrong_current_password'),
        )
      : e;
  }
  await markAttemptSucceeded(database.db, attemptId);
  if (current === next)
    throw new AppError(
      'validation',
      'the new password must differ from the current one',
      fieldDetails('newPassword', 'same_password'),
    );
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
