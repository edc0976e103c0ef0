import type { Role } from '@pbis/core';
import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import { uncountSignInFailure } from '../audit/repository.js';
import { appUser, loginAttempt, userSession } from '../../db/schema.js';

export async function findUserForLogin(db: Executor, username: string) {
  const rows = await db
    .select()
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, username.toLowerCase()))
    .limit(1);
  return rows[0];
}

export async function recordLoginAttempt(
  db: Executor,
  usernameLower: string,
  success: boolean,
  ip: string | null,
  at: Date,
): Promise<string> {
  const [row] = await db
    .insert(loginAttempt)
    .values({ usernameLower, success, ip, at })
    .returning({ id: loginAttempt.id });
  return row!.id;
}

/**
 * A reserved attempt turned out right: it becomes the success the counts restart from, and the
 * failure it was counted as (sign_in_failure, when it was reserved) is taken back.
 */
export async function markAttemptSucceeded(db: Executor, id: string) {
  const [a] = await db
    .update(loginAttempt)
    .set({ success: true })
    .where(eq(loginAttempt.id, id))
    .returning({
      usernameLower: loginAttempt.usernameLower,
      ip: loginAttempt.ip,
      at: loginAttempt.at,
    });
  if (a) await uncountSignInFailure(db, a.usernameLower, a.ip ?? '', a.at);
}

/**
 * Holds the sign-in checks of one username and one address until the transaction ends, so a
 * check and the attempt it records are one step: parallel attempts queue instead of all passing.
 * Two-key advisory locks (PGlite has one connection; its transactions are serial anyway).
 */
export async function lockSignIn(tx: Executor, usernameLower: string, ip: string | null) {
  await tx.execute(sql`select pg_advisory_xact_lock(7264002, hashtext(${usernameLower}))`);
  if (ip) await tx.execute(sql`select pg_advisory_xact_lock(7264003, hashtext(${ip}))`);
}

export interface SignInCounts {
  /** Failures of this username from anywhere since the window start and its last success. */
  account: { failures: number; last: Date | null };
  /** Failures of this username from this address since the same moment. */
  pair: { failures: number; last: Date | null };
  /** Failures from this address for any username since the window start. */
  address: { failures: number; last: Date | null };
}

export async function signInCounts(
  db: Executor,
  usernameLower: string,
  ip: string | null,
  since: Date,
): Promise<SignInCounts> {
  const s = since.toISOString();
  const [r] = await queryRows<Record<string, string | number | Date | null>>(
    db,
    sql`with from_at as (
          select greatest(${s}::timestamptz, coalesce(max(at), ${s}::timestamptz)) as at
          from ${loginAttempt} where username_lower = ${usernameLower} and success)
        select
          count(*) filter (where a.username_lower = ${usernameLower} and a.at > f.at)::int as account_failures,
          max(a.at) filter (where a.username_lower = ${usernameLower} and a.at > f.at) as account_last,
          count(*) filter (where a.username_lower = ${usernameLower} and a.ip = ${ip} and a.at > f.at)::int as pair_failures,
          max(a.at) filter (where a.username_lower = ${usernameLower} and a.ip = ${ip} and a.at > f.at) as pair_last,
          count(*) filter (where a.ip = ${ip})::int as address_failures,
          max(a.at) filter (where a.ip = ${ip}) as address_last
        from ${loginAttempt} a, from_at f
        where not a.success and a.at > ${s}::timestamptz
          and (a.username_lower = ${usernameLower} or a.ip = ${ip})`,
  );
  const when = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    account: { failures: Number(r?.account_failures ?? 0), last: when(r?.account_last) },
    pair: { failures: Number(r?.pair_failures ?? 0), last: when(r?.pair_last) },
    address: { failures: Number(r?.address_failures ?? 0), last: when(r?.address_last) },
  };
}

export async function insertSession(db: Executor, s: typeof userSession.$inferInsert) {
  await db.insert(userSession).values(s);
}

/**
 * The session with its user, unit and analysis division, if valid at `now`: one statement, the
 * database function `pbis_active_session` (migration 0004), which reads in the system scope — it
 * runs before anyone is known, and the session's id is the SHA-256 of a secret token.
 */
export async function findActiveSession(db: Executor, id: string, now: Date) {
  const [r] = await queryRows<{
    session_id: string;
    csrf_token: string;
    user_id: string;
    organization_id: string;
    username: string;
    display_name: string;
    role: Role;
    unit_id: string | null;
    analysis_division_id: string | null;
    must_change_password: boolean;
    unit_code: string | null;
    unit_name_th: string | null;
    unit_name_en: string | null;
    analysis_no: number | null;
  }>(db, sql`select * from pbis_active_session(${id}, ${now.toISOString()}::timestamptz)`);
  if (!r) return undefined;
  return {
    session: { id: r.session_id, csrfToken: r.csrf_token },
    user: {
      id: r.user_id,
      organizationId: r.organization_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      unitId: r.unit_id,
      analysisDivisionId: r.analysis_division_id,
      mustChangePassword: r.must_change_password,
    },
    unitCode: r.unit_code,
    unitNameTh: r.unit_name_th,
    unitNameEn: r.unit_name_en,
    analysisNo: r.analysis_no,
  };
}

export async function revokeSession(db: Executor, id: string, at: Date) {
  await db
    .update(userSession)
    .set({ revokedAt: at })
    .where(and(eq(userSession.id, id), isNull(userSession.revokedAt)));
}

export async function revokeUserSessions(
  db: Executor,
  userId: string,
  at: Date,
  exceptSessionId?: string,
) {
  await db
    .update(userSession)
    .set({ revokedAt: at })
    .where(
      and(
        eq(userSession.userId, userId),
        isNull(userSession.revokedAt),
        exceptSessionId ? ne(userSession.id, exceptSessionId) : undefined,
      ),
    );
}

export async function touchLogin(db: Executor, userId: string, at: Date) {
  await db.update(appUser).set({ lastLoginAt: at }).where(eq(appUser.id, userId));
}

/** Usernames with at least `failures` failed sign-ins since `since` and since their last success, with the last failure. */
export async function lockedUsernames(
  db: Executor,
  since: Date,
  failures: number,
): Promise<Map<string, Date>> {
  const rows = await queryRows<{ username_lower: string; last_failure: string | Date }>(
    db,
    sql`select a.username_lower, max(a.at) as last_failure
        from ${loginAttempt} a
        left join (select username_lower, max(at) as last_ok from ${loginAttempt} where success group by username_lower) s
          on s.username_lower = a.username_lower
        where not a.success and a.at > ${since.toISOString()}::timestamptz
          and (s.last_ok is null or a.at > s.last_ok)
        group by a.username_lower
        having count(*) >= ${failures}`,
  );
  return new Map(rows.map((r) => [r.username_lower, new Date(r.last_failure)]));
}

/**
 * Sign-in attempts older than `before`: the limits look back one lockout window only, and the
 * administrator's record of failures is `sign_in_failure` (aggregated), so the rows can go.
 */
export async function pruneLoginAttempts(db: Executor, before: Date): Promise<void> {
  await db.delete(loginAttempt).where(lt(loginAttempt.at, before));
}
