import { and, eq, inArray, sql } from 'drizzle-orm';
import { insertJsonRows } from '../../db/bulk-insert.js';
import { queryRows, type Executor } from '../../db/client.js';
import { budgetLine, budgetTransfer, carryOver, commitment, disbursement } from './schema.js';

export type { Executor };
export type LineRow = typeof budgetLine.$inferSelect;
export type LineInsert = typeof budgetLine.$inferInsert;
export type CommitmentRow = typeof commitment.$inferSelect;
export type DisbursementInsert = typeof disbursement.$inferInsert;
export type CommitmentInsert = typeof commitment.$inferInsert;
export type TransferRow = typeof budgetTransfer.$inferSelect;
export type CarryOverRow = typeof carryOver.$inferSelect;

/** Rows one JSON statement carries when inserting entries (one parameter whatever the size). */
export const ENTRY_ROWS_PER_STATEMENT = 10_000;

/** json_to_recordset parameter: bigint as digits. */
const json = (rows: unknown[]) =>
  JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export async function linesOfYears(
  db: Executor,
  organizationId: string,
  fiscalYears: readonly number[],
  unitIds?: readonly string[],
): Promise<LineRow[]> {
  const where = [
    eq(budgetLine.organizationId, organizationId),
    inArray(budgetLine.fiscalYear, [...fiscalYears]),
  ];
  if (unitIds) where.push(inArray(budgetLine.unitId, [...unitIds]));
  return db
    .select()
    .from(budgetLine)
    .where(and(...where));
}

export async function getLine(db: Executor, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(budgetLine)
    .where(and(eq(budgetLine.organizationId, organizationId), eq(budgetLine.id, id)));
  return rows[0];
}

export const insertLines = (db: Executor, rows: LineInsert[]) =>
  insertJsonRows(db, budgetLine, rows, { returning: true });

export interface LineUpdate {
  id: string;
  version: number;
  enactedSatang: bigint;
  programme: string;
  output: string;
  strategyCode: string;
  project: string;
}

/** Re-imported lines: new amounts and descriptions, version-checked; answers the rows updated. */
export async function updateLines(db: Executor, changes: LineUpdate[], now: Date) {
  if (changes.length === 0) return [];
  return queryRows<{ id: string }>(
    db,
    sql`update budget_line l set enacted_satang = v.enacted_satang, programme = v.programme,
      output = v.output, strategy_code = v.strategy_code, project = v.project,
      version = l.version + 1, updated_at = ${now.toISOString()}::timestamptz
    from json_to_recordset(${json(changes.map((c) => ({ ...c, enacted_satang: c.enactedSatang, strategy_code: c.strategyCode })))}::json)
      as v(id uuid, version int, enacted_satang bigint, programme text, output text,
           strategy_code text, project text)
    where l.id = v.id and l.version = v.version
    returning l.id`,
  );
}

/** What a set of entries moves on each line (positive: more of it; negative: released). */
export interface LineDelta {
  lineId: string;
  transferNet?: bigint;
  reserved?: bigint;
  obligated?: bigint;
  disbursed?: bigint;
  disbursedDirect?: bigint;
}

export interface Shortfall {
  lineId: string;
  availableSatang: bigint;
  requestedSatang: bigint;
}

/**
 * Applies the deltas in one statement. A line whose available balance the change would take
 * below zero is left as it was (and returned as a shortfall); a change that only releases money
 * never is. The row lock of the UPDATE makes this hold under concurrency: a second writer waits
 * and re-checks the condition against the committed totals (READ COMMITTED re-evaluation).
 */
export async function applyLineDeltas(
  db: Executor,
  deltas: readonly LineDelta[],
  now: Date,
): Promise<Shortfall[]> {
  if (deltas.length === 0) return [];
  const rows = deltas.map((d) => ({
    id: d.lineId,
    t: d.transferNet ?? 0n,
    r: d.reserved ?? 0n,
    o: d.obligated ?? 0n,
    d: d.disbursed ?? 0n,
    dd: d.disbursedDirect ?? 0n,
  }));
  const done = await queryRows<{ id: string }>(
    db,
    sql`update budget_line l set transfer_net_satang = l.transfer_net_satang + v.t,
      reserved_satang = l.reserved_satang + v.r, obligated_satang = l.obligated_satang + v.o,
      disbursed_satang = l.disbursed_satang + v.d,
      disbursed_direct_satang = l.disbursed_direct_satang + v.dd,
      updated_at = ${now.toISOString()}::timestamptz
    from json_to_recordset(${json(rows)}::json) as v(id uuid, t bigint, r bigint, o bigint, d bigint, dd bigint)
    where l.id = v.id
      and (l.lapsed_on is null or (v.t = 0 and v.r <= 0 and v.o <= 0 and v.d <= 0 and v.dd <= 0))
      and (v.t - v.r - v.o - v.dd >= 0
        or l.enacted_satang + l.transfer_net_satang + v.t - l.reserved_satang - v.r
           - l.obligated_satang - v.o - l.disbursed_direct_satang - v.dd >= 0)
    returning l.id`,
  );
  if (done.length === rows.length) return [];
  const ok = new Set(done.map((d) => d.id));
  const failed = rows.filter((r) => !ok.has(r.id));
  const current = await db
    .select()
    .from(budgetLine)
    .where(
      inArray(
        budgetLine.id,
        failed.map((f) => f.id),
      ),
    );
  const byId = new Map(current.map((c) => [c.id, c]));
  return failed.map((f) => {
    const l = byId.get(f.id);
    const available = l ? availableOf(l) : 0n;
    return { lineId: f.id, availableSatang: available, requestedSatang: f.r + f.o + f.dd - f.t };
  });
}

/** What a line may still commit: nothing once it lapsed (year end, carry deadline). */
export const availableOf = (l: LineRow) =>
  l.lapsedOn !== null
    ? 0n
    : l.enactedSatang +
      l.transferNetSatang -
      l.reservedSatang -
      l.obligatedSatang -
      l.disbursedDirectSatang;

export interface MonthDelta {
  lineId: string;
  fiscalMonth: number;
  organizationId: string;
  unitId: string;
  fiscalYear: number;
  transferNet?: bigint;
  obligated?: bigint;
  disbursed?: bigint;
}

/** Adds the deltas to the monthly totals in one statement (a row per line and month). */
export async function applyMonthDeltas(db: Executor, deltas: readonly MonthDelta[]) {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => ({
    line_id: d.lineId,
    fiscal_month: d.fiscalMonth,
    organization_id: d.organizationId,
    unit_id: d.unitId,
    fiscal_year: d.fiscalYear,
    t: d.transferNet ?? 0n,
    o: d.obligated ?? 0n,
    d: d.disbursed ?? 0n,
  }));
  await db.execute(sql`insert into budget_line_month as m (line_id, fiscal_month, organization_id,
      unit_id, fiscal_year, transfer_net_satang, obligated_satang, disbursed_satang)
    select line_id, fiscal_month, organization_id, unit_id, fiscal_year, t, o, d
    from json_to_recordset(${json(rows)}::json) as v(line_id uuid, fiscal_month int,
      organization_id uuid, unit_id uuid, fiscal_year int, t bigint, o bigint, d bigint)
    on conflict (line_id, fiscal_month) do update set
      transfer_net_satang = m.transfer_net_satang + excluded.transfer_net_satang,
      obligated_satang = m.obligated_satang + excluded.obligated_satang,
      disbursed_satang = m.disbursed_satang + excluded.disbursed_satang`);
}

/** Inserts entries in statements of ENTRY_ROWS_PER_STATEMENT rows; `between` runs between two. */
export async function insertEntries<T extends typeof disbursement | typeof commitment>(
  db: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
  between?: () => Promise<void>,
): Promise<void> {
  for (let at = 0; at < rows.length; at += ENTRY_ROWS_PER_STATEMENT) {
    if (at > 0 && between) await between();
    await insertJsonRows(db, table, rows.slice(at, at + ENTRY_ROWS_PER_STATEMENT));
  }
}

export interface PostedDocument {
  documentNo: string;
  lineId: string;
  amountSatang: bigint;
  date: string;
  id: string;
}

/*
 * Document numbers are looked up by joining the file's list (one JSON parameter) to the table:
 * a hash join or one index probe per number, whatever the planner knows. `IN (SELECT
 * json_array_elements_text(…))` was planned, on a table filled in the same minute (no statistics
 * yet), as a nested loop that parsed the whole list again for every row: 30,000 re-imported rows
 * took minutes on PostgreSQL.
 */
const DOCUMENTS_PER_QUERY = 50_000;

/** The entries of a fiscal year already posted under these document numbers. */
export async function postedDisbursements(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  documentNos: readonly string[],
): Promise<PostedDocument[]> {
  const out: PostedDocument[] = [];
  for (let at = 0; at < documentNos.length; at += DOCUMENTS_PER_QUERY) {
    const slice = JSON.stringify(documentNos.slice(at, at + DOCUMENTS_PER_QUERY));
    const rows = await queryRows<{
      document_no: string;
      line_id: string;
      amount: string;
      date: string;
      id: string;
    }>(
      db,
      sql`select d.document_no, d.line_id, d.amount_satang::text as amount, d.date::text as date, d.id
        from json_array_elements_text(${slice}::json) as w(doc)
        join disbursement d on d.document_no = w.doc
        where d.organization_id = ${organizationId} and d.fiscal_year = ${fiscalYear}`,
    );
    for (const r of rows)
      out.push({
        documentNo: r.document_no,
        lineId: r.line_id,
        amountSatang: BigInt(r.amount),
        date: r.date,
        id: r.id,
      });
  }
  return out;
}

/** The commitments of a kind under these document numbers (any fiscal year given). */
export async function commitmentsByDocument(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  kind: 'reservation' | 'obligation',
  documentNos: readonly string[],
): Promise<CommitmentRow[]> {
  const out: CommitmentRow[] = [];
  for (let at = 0; at < documentNos.length; at += DOCUMENTS_PER_QUERY) {
    const slice = JSON.stringify(documentNos.slice(at, at + DOCUMENTS_PER_QUERY));
    const found = await queryRows<{ id: string }>(
      db,
      sql`select c.id from json_array_elements_text(${slice}::json) as w(doc)
        join commitment c on c.document_no = w.doc
        where c.organization_id = ${organizationId} and c.fiscal_year = ${fiscalYear}
          and c.kind = ${kind}`,
    );
    for (let i = 0; i < found.length; i += 5000)
      out.push(
        ...(await db
          .select()
          .from(commitment)
          .where(
            inArray(
              commitment.id,
              found.slice(i, i + 5000).map((f) => f.id),
            ),
          )),
      );
  }
  return out;
}

/**
 * Adds what later stages took from commitments (obligations from a reservation, payments on an
 * obligation); a commitment that would be settled past its amount is left as it was and its id
 * returned. Releases (negative) always apply.
 */
export async function settleCommitments(
  db: Executor,
  deltas: readonly { id: string; amountSatang: bigint }[],
): Promise<string[]> {
  if (deltas.length === 0) return [];
  const rows = deltas.map((d) => ({ id: d.id, a: d.amountSatang }));
  const done = await queryRows<{ id: string }>(
    db,
    sql`update commitment c set settled_satang = c.settled_satang + v.a
    from json_to_recordset(${json(rows)}::json) as v(id uuid, a bigint)
    where c.id = v.id and (v.a <= 0 or c.settled_satang + v.a <= c.amount_satang)
    returning c.id`,
  );
  const ok = new Set(done.map((d) => d.id));
  return rows.filter((r) => !ok.has(r.id)).map((r) => r.id);
}

export const insertObligations = (
  db: Executor,
  rows: CommitmentInsert[],
  between?: () => Promise<void>,
) => insertEntries(db, commitment, rows, between);
export const insertDisbursements = (
  db: Executor,
  rows: DisbursementInsert[],
  between?: () => Promise<void>,
) => insertEntries(db, disbursement, rows, between);

/** One entry, answering its id (a repeated document number is 409 `duplicate`). */
export async function insertOneEntry(
  db: Executor,
  kind: 'reservation' | 'obligation' | 'disbursement',
  values: DisbursementInsert & {
    vendor?: string;
    reservationId?: string | null;
    cancelsId?: string | null;
    laterYears?: CommitmentInsert['laterYears'];
  },
): Promise<string> {
  const { reservationId, cancelsId, obligationId, laterYears, vendor, ...entry } = values;
  if (kind !== 'disbursement') {
    const [row] = await db
      .insert(commitment)
      .values({
        ...entry,
        kind,
        vendor: vendor ?? '',
        reservationId,
        cancelsId,
        laterYears: laterYears ?? null,
      })
      .returning({ id: commitment.id });
    return row!.id;
  }
  const [row] = await db
    .insert(disbursement)
    .values({ ...entry, obligationId })
    .returning({ id: disbursement.id });
  return row!.id;
}

export type CarryOverInsert = typeof carryOver.$inferInsert;

/** Carry-overs set per line and kind (a re-import sets them again); answers created/updated. */
export async function upsertCarryOvers(db: Executor, rows: CarryOverInsert[], now: Date) {
  let created = 0;
  let updated = 0;
  for (let at = 0; at < rows.length; at += 2000) {
    const done = await db
      .insert(carryOver)
      .values(rows.slice(at, at + 2000))
      .onConflictDoUpdate({
        target: [carryOver.lineId, carryOver.kind],
        set: {
          amountSatang: sql`excluded.amount_satang`,
          reference: sql`excluded.reference`,
          reason: sql`excluded.reason`,
          exemption: sql`excluded.exemption`,
          version: sql`${carryOver.version} + 1`,
          updatedAt: now,
        },
      })
      .returning({ version: carryOver.version });
    for (const d of done)
      if (d.version === 1) created++;
      else updated++;
  }
  return { created, updated };
}

export type TransferInsert = typeof budgetTransfer.$inferInsert;

export async function insertTransfers(db: Executor, rows: TransferInsert[]) {
  for (let at = 0; at < rows.length; at += 2000)
    await db.insert(budgetTransfer).values(rows.slice(at, at + 2000));
}

/**
 * Inserts entries of an import given as one JSON array (built by the ledger store, keys: unit_id,
 * line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, and vendor for obligations
 * or obligation_id for disbursements); what every row shares travels once as a parameter.
 */
export async function insertEntryJson(
  db: Executor,
  kind: 'obligation' | 'disbursement',
  json: string,
  common: { organizationId: string; importBatchId: string | null; createdBy: string | null },
): Promise<void> {
  const shared = sql`${common.organizationId}::uuid, ${common.importBatchId}::uuid, ${common.createdBy}::uuid`;
  if (kind === 'disbursement')
    await db.execute(sql`insert into disbursement (organization_id, import_batch_id, created_by,
        unit_id, line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, obligation_id)
      select ${shared}, v.unit_id, v.line_id, v.fiscal_year, v.fiscal_month, v.document_no, v.date,
        v.amount_satang, v.obligation_id
      from json_to_recordset(${json}::json) as v(unit_id uuid, line_id uuid, fiscal_year int,
        fiscal_month int, document_no text, date date, amount_satang bigint, obligation_id uuid)`);
  else
    await db.execute(sql`insert into commitment (organization_id, import_batch_id, created_by, kind,
        unit_id, line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, vendor,
        later_years)
      select ${shared}, 'obligation', v.unit_id, v.line_id, v.fiscal_year, v.fiscal_month,
        v.document_no, v.date, v.amount_satang, v.vendor, v.later_years
      from json_to_recordset(${json}::json) as v(unit_id uuid, line_id uuid, fiscal_year int,
        fiscal_month int, document_no text, date date, amount_satang bigint, vendor text,
        later_years jsonb)`);
}
