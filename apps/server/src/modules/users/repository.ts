import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { appUser, division, receivingUnit } from '../../db/schema.js';

export const userColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  role: appUser.role,
  unitId: appUser.unitId,
  unitCode: receivingUnit.code,
  unitNameTh: receivingUnit.nameTh,
  analysisDivisionId: appUser.analysisDivisionId,
  analysisDivisionNo: division.analysisNo,
  active: appUser.active,
  mustChangePassword: appUser.mustChangePassword,
  lastLoginAt: appUser.lastLoginAt,
  createdAt: appUser.createdAt,
  version: appUser.version,
};

export interface UserQuery {
  organizationId: string;
  q?: string | undefined;
  role?: string | undefined;
  active?: boolean | undefined;
}

function base(db: Executor) {
  return db
    .select(userColumns)
    .from(appUser)
    .leftJoin(receivingUnit, eq(receivingUnit.id, appUser.unitId))
    .leftJoin(division, eq(division.id, appUser.analysisDivisionId));
}

export async function listUsers(db: Executor, f: UserQuery) {
  const conds: SQL[] = [eq(appUser.organizationId, f.organizationId)];
  if (f.role) conds.push(eq(appUser.role, f.role as never));
  if (f.active !== undefined) conds.push(eq(appUser.active, f.active));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(appUser.username, like),
        ilike(appUser.displayName, like),
        ilike(receivingUnit.nameTh, like),
      )!,
    );
  }
  return base(db)
    .where(and(...conds))
    .orderBy(asc(appUser.role), asc(appUser.username));
}

export async function getUser(db: Executor, organizationId: string, id: string) {
  const rows = await base(db).where(
    and(eq(appUser.organizationId, organizationId), eq(appUser.id, id)),
  );
  return rows[0];
}

export async function getUserRow(db: Executor, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(appUser)
    .where(and(eq(appUser.organizationId, organizationId), eq(appUser.id, id)));
  return rows[0];
}

export async function usernameTaken(db: Executor, username: string) {
  const rows = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, username.toLowerCase()));
  return rows.length > 0;
}

export async function insertUser(db: Executor, values: typeof appUser.$inferInsert) {
  const rows = await db.insert(appUser).values(values).returning();
  return rows[0]!;
}

export async function updateUser(
  db: Executor,
  id: string,
  expectedVersion: number | null,
  values: Partial<typeof appUser.$inferInsert>,
  now: Date,
) {
  const where =
    expectedVersion === null
      ? eq(appUser.id, id)
      : and(eq(appUser.id, id), eq(appUser.version, expectedVersion));
  const rows = await db
    .update(appUser)
    .set({ ...values, version: sql`${appUser.version} + 1`, updatedAt: now })
    .where(where)
    .returning();
  return rows[0];
}

export async function countActiveAdmins(db: Executor, organizationId: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(appUser)
    .where(
      and(
        eq(appUser.organizationId, organizationId),
        eq(appUser.role, 'admin'),
        eq(appUser.active, true),
      ),
    );
  return rows[0]?.n ?? 0;
}
