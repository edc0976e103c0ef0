import { and, count, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
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
) {
  await db.insert(loginAttempt).values({ usernameLower, success, ip, at });
}

/** Failures since the later of (window start, last success or unlock). */
export async function recentFailures(
  db: Executor,
  usernameLower: string,
  since: Date,
): Promise<{ failures: number; lastFailure: Date | null }> {
  const lastOk = await db
    .select({ at: loginAttempt.at })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.usernameLower, usernameLower), eq(loginAttempt.success, true)))
    .orderBy(desc(loginAttempt.at))
    .limit(1);
  const from = lastOk[0] && lastOk[0].at > since ? lastOk[0].at : since;
  const rows = await db
    .select({ n: count(), last: sql<Date | string | null>`max(${loginAttempt.at})` })
    .from(loginAttempt)
    .where(
      and(
        eq(loginAttempt.usernameLower, usernameLower),
        eq(loginAttempt.success, false),
        gt(loginAttempt.at, from),
      ),
    );
  const last = rows[0]?.last;
  return { failures: Number(rows[0]?.n ?? 0), lastFailure: last ? new Date(last) : null };
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
