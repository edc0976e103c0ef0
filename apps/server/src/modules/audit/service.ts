import type { auditEntrySchema, AuditSubject, signInFailureSchema } from '@pbis/contract';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

/*
 * The audit trail as a person reads it: who acted (username), who or what was changed (the
 * subject) and a name for every id in the recorded values — as far as the reader's scope shows.
 */

/** An entry as the handler returns it (times as Date; the serialiser writes ISO strings). */
export type ReadableEntry = z.output<typeof auditEntrySchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every UUID among the strings of a recorded value (any depth). */
export function idsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (UUID.test(value)) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) idsIn(v, out);
  return out;
}

type Recorded = Record<string, unknown> | null;
const asRecord = (v: unknown): Recorded =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** Who or what an entry is about, named from the database's names, else from what it recorded. */
export function subjectOf(
  row: Pick<repo.AuditRow, 'entity' | 'entityId' | 'before' | 'after'>,
  names: ReadonlyMap<string, string>,
  unitCodes: ReadonlyMap<string, string>,
): AuditSubject | null {
  const after = asRecord(row.after);
  const before = asRecord(row.before);
  const field = (k: string) => after?.[k] ?? before?.[k];
  const id = row.entityId?.toLowerCase() ?? '';
  switch (row.entity) {
    case 'user': {
      const username = names.get(id) ?? text(field('username'));
      return username ? { username } : null;
    }
    case 'receiving_unit': {
      const code = unitCodes.get(id) ?? text(field('code'));
      const nameTh = names.get(id) ?? text(field('nameTh'));
      return code || nameTh ? { ...(code && { code }), ...(nameTh && { nameTh }) } : null;
    }
    case 'division': {
      const nameTh = names.get(id) ?? text(field('nameTh'));
      return nameTh ? { nameTh, ...(text(field('code')) && { code: text(field('code')) }) } : null;
    }
    case 'period_lock': {
      const [y, m] = (row.entityId ?? '').split('/').map(Number);
      const fiscalYear = int(field('fiscalYear')) ?? (Number.isInteger(y) ? y : undefined);
      const month = int(field('month')) ?? (Number.isInteger(m) ? m : undefined);
      return fiscalYear ? { fiscalYear, ...(month !== undefined && { month }) } : null;
    }
    case 'fiscal_year': {
      const fiscalYear = int(field('year')) ?? int(Number(row.entityId));
      return fiscalYear ? { fiscalYear } : null;
    }
    default:
      return null;
  }
}

/** The rows with their names, subjects and actors; `tx` is in the reader's scope. */
export async function readable(tx: Executor, rows: repo.AuditRow[]): Promise<ReadableEntry[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    idsIn(r.before, ids);
    idsIn(r.after, ids);
    idsIn(r.entityId, ids);
    idsIn(r.userId, ids);
  }
  const { names, unitCodes } = await repo.namesOf(tx, [...ids]);
  return rows.map((r) => {
    const own = new Set<string>();
    idsIn(r.before, own);
    idsIn(r.after, own);
    idsIn(r.entityId, own);
    idsIn(r.userId, own);
    const entryNames: Record<string, string> = {};
    for (const id of own) {
      const name = names.get(id);
      if (name !== undefined) entryNames[id] = name;
    }
    return {
      seq: r.seq,
      at: r.at,
      userId: r.userId,
      username: r.username,
      actorUsername: (r.userId && names.get(r.userId.toLowerCase())) || r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      subject: subjectOf(r, names, unitCodes),
      before: r.before,
      after: r.after,
      names: entryNames,
      hash: r.hash,
    };
  });
}

export async function listAudit(
  database: Database,
  actor: Actor,
  q: Omit<repo.AuditFilter, 'organizationId'>,
) {
  const organizationId = actor.organizationId;
  return withScope(database, actor, async (tx) => {
    const rows = await repo.listAudit(tx, { ...q, organizationId });
    return {
      items: await readable(tx, rows),
      nextBeforeSeq: rows.length === q.limit ? rows[rows.length - 1]!.seq : null,
      entities: await repo.listEntities(tx, organizationId),
      users: await repo.listAuditUsers(tx, organizationId),
    };
  });
}

/** The newest changes in the caller's scope, decided by the database (row-level security). */
export async function listActivity(database: Database, actor: Actor, limit: number) {
  return withScope(database, actor, async (tx) => ({
    items: await readable(tx, await repo.listActivity(tx, actor.organizationId, limit)),
  }));
}

export const verifyAudit = (database: Database) =>
  repo.verifyAudit(database.db, database.keys.audit);

export async function listSignInFailures(
  database: Database,
  q: {
    username?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    limit: number;
  },
) {
  const rows = await repo.listSignInFailures(database.db, {
    usernameLower: q.username === undefined ? undefined : q.username.trim().toLowerCase(),
    from: q.from,
    to: q.to,
    limit: q.limit,
  });
  return {
    items: rows.map((r): z.output<typeof signInFailureSchema> => ({
      username: r.usernameLower,
      ip: r.ip,
      hour: r.hour,
      failures: r.failures,
      firstAt: r.firstAt,
      lastAt: r.lastAt,
    })),
  };
}
