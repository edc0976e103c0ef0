import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, type Role } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withSystemScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import type { Actor } from './actor.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import * as auditRepo from '../audit/repository.js';
import * as repo from './repository.js';

/*
 * Two limits on wrong passwords, both within a 15-minute window (ADR 0006):
 * - an address that got one account's password wrong ADDRESS_FAILURES times (or any accounts'
 *   ADDRESS_ANY_FAILURES times) is throttled for that account (429) — the account is not locked,
 *   so one caller cannot lock out the admin;
 * - an account with LOCKOUT_FAILURES failures from anywhere is locked (423) until the window has
 *   passed since the last failure, or an administrator (web or `pbis users unlock`) unlocks it.
 */
export const ADDRESS_FAILURES = 5;
export const ADDRESS_ANY_FAILURES = 30;
export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

const minutesLeft = (last: Date | null, now: Date) =>
  Math.max(
    1,
    Math.ceil(((last?.getTime() ?? now.getTime()) + LOCKOUT_WINDOW_MS - now.getTime()) / 60000),
  );

const lockedError = (minutes: number) =>
  new AppError(
    'locked',
    `account locked after ${LOCKOUT_FAILURES} failed sign-ins; try again in ${minutes} minutes or ask an administrator to unlock it`,
    { reason: 'account_locked', retryAfterMinutes: minutes },
  );

const throttledError = (minutes: number) =>
  new AppError(
    'rate_limited',
    `too many wrong passwords from your address; wait ${minutes} minutes or ask an administrator to unlock the account`,
    { reason: 'address_throttled', retryAfterSeconds: minutes * 60 },
  );

/**
 * Checks the limits and records a failed attempt in one transaction, under a lock on the username
 * and the address: twenty parallel attempts are checked one after another. The attempt is a
 * failure until `markAttemptSucceeded` says otherwise, so a password being checked already counts.
 */
export async function reserveSignInAttempt(
  database: Database,
  usernameLower: string,
  ip: string | null,
  now: Date,
): Promise<{ attemptId: string; after: repo.SignInCounts }> {
  // The system scope: whether the username is an account is read from app_user (row-level security).
  return withSystemScope(database, async (tx) => {
    await repo.lockSignIn(tx, usernameLower, ip);
    const c = await repo.signInCounts(
      tx,
      usernameLower,
      ip,
      new Date(now.getTime() - LOCKOUT_WINDOW_MS),
    );
    if (c.account.failures >= LOCKOUT_FAILURES) throw lockedError(minutesLeft(c.account.last, now));
    if (c.pair.failures >= ADDRESS_FAILURES) throw throttledError(minutesLeft(c.pair.last, now));
    if (c.address.failures >= ADDRESS_ANY_FAILURES)
      throw throttledError(minutesLeft(c.address.last, now));
    const attemptId = await repo.recordLoginAttempt(tx, usernameLower, false, ip, now);
    // Counted for the administrator too (per username, address and hour; a name that is no
    // account counts as ''); markAttemptSucceeded takes it back when the password was right.
    const known = (await repo.findUserForLogin(tx, usernameLower)) !== undefined;
    await auditRepo.countSignInFailure(tx, known ? usernameLower : '', ip ?? '', now);
    if (pruneDue(database, now)) {
      await auditRepo.pruneSignInFailures(tx, new Date(now.getTime() - KEEP_MS));
      await repo.pruneLoginAttempts(tx, new Date(now.getTime() - ATTEMPTS_KEEP_MS));
    }
    const plusOne = (x: { failures: number; last: Date | null }) => ({
      failures: x.failures + 1,
      last: now,
    });
    return {
      attemptId,
      after: { account: plusOne(c.account), pair: plusOne(c.pair), address: plusOne(c.address) },
    };
  });
}

/**
 * Sign-in failure rows are kept 90 days, the individual attempts one day (the limits look back
 * 15 minutes); the prune runs at most once an hour per database.
 */
const KEEP_MS = 90 * 24 * 3600_000;
const ATTEMPTS_KEEP_MS = 24 * 3600_000;
const lastPrune = new WeakMap<Database, number>();
function pruneDue(database: Database, now: Date): boolean {
  if (now.getTime() - (lastPrune.get(database) ?? 0) < 3600_000) return false;
  lastPrune.set(database, now.getTime());
  return true;
}

/**
 * A wrong password, confirmed: the failure that reaches LOCKOUT_FAILURES locks the account, and
 * the lockout goes into the audit trail (which username, from which address, when). Only an
 * account's lockout is recorded there: a name that is no account adds no row. Returns the answer.
 */
export async function wrongPassword(
  database: Database,
  usernameLower: string,
  ip: string | null,
  after: repo.SignInCounts,
  message: string,
  now: Date,
): Promise<AppError> {
  if (after.account.failures === LOCKOUT_FAILURES)
    await withSystemScope(database, async (tx) => {
      const user = await repo.findUserForLogin(tx, usernameLower);
      if (!user) return;
      await auditRepo.appendAudit(
        tx,
        { organizationId: user.organizationId, userId: null, username: 'pbis' },
        [
          {
            action: 'lockout',
            entity: 'user',
            entityId: user.id,
            after: {
              username: user.username,
              ip,
              failures: after.account.failures,
              lockedUntil: new Date(now.getTime() + LOCKOUT_WINDOW_MS),
            },
          },
        ],
        now,
        database.keys.audit,
      );
    });
  return wrongPasswordError(after, message, now);
}

/**
 * The answer to a wrong password: the limit it reached, or 401 `wrong_credentials` with how many
 * more failures the account takes before it locks. The counts are the username's, whether or
 * not such a user exists, so the answer tells nothing of which usernames exist.
 */
export function wrongPasswordError(after: repo.SignInCounts, message: string, now: Date): AppError {
  if (after.account.failures >= LOCKOUT_FAILURES) return lockedError(minutesLeft(now, now));
  if (after.pair.failures >= ADDRESS_FAILURES || after.address.failures >= ADDRESS_ANY_FAILURES)
    return throttledError(minutesLeft(now, now));
  return new AppError('unauthenticated', message, {
    reason: 'wrong_credentials',
    attemptsLeft: LOCKOUT_FAILURES - after.account.failures,
  });
}

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

/**
 * Compares secrets (the CSRF token) in constant time, whatever their lengths: both are hashed to
 * 32 bytes first, so neither the comparison nor an early length check tells how much matched.
 */
export function tokensEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a, 'utf8').digest();
  const y = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(x, y);
}

/** The routes that answer while a password set by an administrator waits to be replaced. */
const PASSWORD_CHANGE_ROUTES = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/logout',
  'GET /api/v1/health',
]);

/**
 * A password set by an administrator (or a weak seeded one) must be replaced before anything
 * else is done: any other route is refused. `route` is "METHOD /matched/route/url".
 */
export function assertNoPasswordChangePending(session: SessionInfo | undefined, route: string) {
  if (session?.me.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(route))
    throw new AppError('forbidden', 'change your password first (POST /api/v1/auth/password)', {
      reason: 'password_change_required',
    });
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
  const { attemptId, after } = await reserveSignInAttempt(database, usernameLower, input.ip, now);
  const user = await withSystemScope(database, (tx) => repo.findUserForLogin(tx, usernameLower));
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password);
  // A disabled account gets the same answer as a wrong password: the answer confirms nothing.
  if (!user || !ok || !user.active)
    throw await wrongPassword(
      database,
      usernameLower,
      input.ip,
      after,
      'wrong username or password',
      now,
    );
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
    await repo.markAttemptSucceeded(tx, attemptId);
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
