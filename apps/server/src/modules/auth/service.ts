import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, type Role } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { runWrite } from '../../write.js';
import type { Actor } from './actor.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import * as repo from './repository.js';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
  unitNameTh: string | null;
  unitNameEn: string | null;
  analysisDivisionNo: number | null;
  mustChangePassword: boolean;
}

export interface SessionInfo {
  actor: Actor;
  me: Me;
  csrfToken: string;
  sessionId: string;
}

export const sessionIdOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export async function login(database: Database, input: LoginInput, sessionHours: number) {
  const now = new Date();
  const usernameLower = input.username.trim().toLowerCase();
  const { db } = database;
  const { failures, lastFailure } = await repo.recentFailures(
    db,
    usernameLower,
    new Date(now.getTime() - LOCKOUT_WINDOW_MS),
  );
  if (failures >= LOCKOUT_FAILURES && lastFailure) {
    const minutes = Math.max(
      1,
      Math.ceil((lastFailure.getTime() + LOCKOUT_WINDOW_MS - now.getTime()) / 60000),
    );
    throw new AppError(
      'locked',
      `account locked after ${LOCKOUT_FAILURES} failed sign-ins; try again in ${minutes} minutes or ask an administrator to unlock it`,
      { retryAfterMinutes: minutes },
    );
  }
  const user = await repo.findUserForLogin(db, usernameLower);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok || !user.active) {
    await repo.recordLoginAttempt(db, usernameLower, false, input.ip, now);
    if (failures + 1 >= LOCKOUT_FAILURES) {
      throw new AppError(
        'locked',
        `account locked after ${LOCKOUT_FAILURES} failed sign-ins; try again in 15 minutes or ask an administrator to unlock it`,
        { retryAfterMinutes: 15 },
      );
    }
    throw new AppError(
      'unauthenticated',
      user && ok && !user.active ? 'this account is disabled' : 'wrong username or password',
    );
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    username: user.username,
    organizationId: user.organizationId,
    role: user.role,
    unitId: user.unitId,
    analysisDivisionId: user.analysisDivisionId,
  };
  const sessionId = sessionIdOf(token);
  await runWrite(database, actor, async ({ tx, audit }) => {
    await repo.recordLoginAttempt(tx, usernameLower, true, input.ip, now);
    await repo.insertSession(tx, {
      id: sessionId,
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + sessionHours * 3600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await repo.touchLogin(tx, user.id, now);
    audit({ action: 'login', entity: 'session', entityId: user.id, after: { ip: input.ip } });
  });
  const session = await resolveSession(database, token);
  if (!session) throw new AppError('internal', 'session not found after sign-in');
  return { token, session };
}

export async function resolveSession(
  database: Database,
  token: string,
): Promise<SessionInfo | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await repo.findActiveSession(database.db, sessionIdOf(token), new Date());
  if (!row) return undefined;
  const u = row.user;
  return {
    sessionId: row.session.id,
    csrfToken: row.session.csrfToken,
    actor: {
      kind: 'user',
      userId: u.id,
      username: u.username,
      organizationId: u.organizationId,
      role: u.role,
      unitId: u.unitId,
      analysisDivisionId: u.analysisDivisionId,
    },
    me: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitId: u.unitId,
      unitCode: row.unitCode,
      unitNameTh: row.unitNameTh,
      unitNameEn: row.unitNameEn,
      analysisDivisionNo: row.analysisNo,
      mustChangePassword: u.mustChangePassword,
    },
  };
}

export async function logout(database: Database, session: SessionInfo) {
  await runWrite(database, session.actor, async ({ tx, audit, now }) => {
    await repo.revokeSession(tx, session.sessionId, now);
    audit({ action: 'logout', entity: 'session', entityId: session.actor.userId });
  });
}
