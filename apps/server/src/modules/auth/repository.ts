import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import { appUser, loginAttempt, receivingUnit, division, userSession } from '../../db/schema.js';

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

/** A reserved attempt turned out right: it becomes the success the counts restart from. */
export async function markAttemptSucceeded(db: Executor, id: string) {
  await db.update(loginAttempt).set({ success: true }).where(eq(loginAttempt.id, id));
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

/** The session with its user, unit and analysis division, if valid at `now`. */
export async function findActiveSession(db: Executor, id: string, now: Date) {
  const rows = await db
    .select({
      session: userSession,
      user: appUser,
      unitCode: receivingUnit.code,
      unitNameTh: receivingUnit.nameTh,
      unitNameEn: receivingUnit.nameEn,
      analysisNo: division.analysisNo,
    })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .leftJoin(receivingUnit, eq(receivingUnit.id, appUser.unitId))
    .leftJoin(division, eq(division.id, appUser.analysisDivisionId))
    .where(
      and(
        eq(userSession.id, id),
        isNull(userSession.revokedAt),
        gt(userSession.expiresAt, now),
        eq(appUser.active, true),
      ),
    )
    .limit(1);
  return rows[0];
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
