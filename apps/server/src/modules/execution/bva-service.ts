import {
  AppError,
  compareThai,
  EXPENSE_CATEGORIES,
  EXPENSE_CATEGORY_TH,
  FUND_SOURCE_TH,
  fiscalMonthOfDate,
  fiscalYearOfDate,
  isoOf,
  ratioPercent,
  satangToDecimalString,
  type CivilDate,
  type ExpenseCategory,
  type FundSource,
} from '@pbis/core';
import type { BvaLevel } from '@pbis/contract';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import * as orgRepo from '../org/repository.js';
import { asOfDate } from './money.js';
import { UnitLookup, type UnitRow } from './lookup.js';
import * as repo from './repository.js';
import * as reads from './repositories/bva.js';

/*
 * Budget vs actual at every level (issue 15): BMA → analysis division → unit → programme →
 * project → expense category → line. One read of the lines in scope (their running totals, ADR
 * 0010) builds the tree; every node's figures are the exact sum of its lines', so a total is the
 * sum of its rows to the satang. At a past day the figures come from the monthly totals instead
 * (as money.ts computes them): transfers, obligations and payments of the months up to the day's,
 * less that month's entries dated after the day. Open reservations are not kept per month: at a
 * past day they are taken as they stand now.
 */

export const BMA_NAME = 'กรุงเทพมหานคร';
export const NO_DIVISION = 'none';
const NO_DIVISION_NAME = 'ไม่สังกัดกองวิเคราะห์งบประมาณ';
const NO_PROGRAMME_NAME = '(ไม่ระบุแผนงาน)';

export interface Figures {
  enacted: bigint;
  revised: bigint;
  reserved: bigint;
  obligated: bigint;
  disbursed: bigint;
  available: bigint;
}

export interface BvaNode {
  level: BvaLevel;
  key: string;
  code: string;
  name: string;
  figures: Figures;
  children: Map<string, BvaNode>;
  line?: repo.LineRow;
}

const zero = (): Figures => ({
  enacted: 0n,
  revised: 0n,
  reserved: 0n,
  obligated: 0n,
  disbursed: 0n,
  available: 0n,
});

function add(to: Figures, f: Figures) {
  to.enacted += f.enacted;
  to.revised += f.revised;
  to.reserved += f.reserved;
  to.obligated += f.obligated;
  to.disbursed += f.disbursed;
  to.available += f.available;
}

const node = (level: BvaLevel, key: string, code: string, name: string): BvaNode => ({
  level,
  key,
  code,
  name,
  figures: zero(),
  children: new Map(),
});

/** A line's figures now (its running totals) or at a day (`at`: the as-of reads). */
function lineFigures(l: repo.LineRow, at: AsOf | null): Figures {
  if (!at)
    return {
      enacted: l.enactedSatang,
      revised: l.enactedSatang + l.transferNetSatang,
      reserved: l.reservedSatang,
      obligated: l.obligatedSatang,
      disbursed: l.disbursedSatang,
      available: repo.availableOf(l),
    };
  if (at.before)
    return {
      ...zero(),
      enacted: l.enactedSatang,
      revised: l.enactedSatang,
      available: l.enactedSatang,
    };
  const m = at.lines.get(l.id);
  const revised = l.enactedSatang + (m?.transfer ?? 0n);
  const obligated = m?.obligated ?? 0n;
  const direct = l.disbursedDirectSatang - (m?.directAfter ?? 0n);
  return {
    enacted: l.enactedSatang,
    revised,
    reserved: l.reservedSatang,
    obligated,
    disbursed: m?.disbursed ?? 0n,
    available: revised - l.reservedSatang - obligated - direct,
  };
}

interface AsOf {
  iso: string;
  before: boolean;
  lines: Map<string, reads.LineAsOf>;
}

const programmeKey = (l: repo.LineRow) => `n:${l.programme}`;
const projectKey = (l: repo.LineRow) => (l.projectCode ? `c:${l.projectCode}` : `n:${l.project}`);

export const lineName = (l: repo.LineRow): string => {
  const base = l.expenseItem || EXPENSE_CATEGORY_TH[l.expenseCategory as ExpenseCategory];
  return l.fundSource === 'regular'
    ? base
    : `${base} (${FUND_SOURCE_TH[l.fundSource as FundSource]})`;
};

export interface BvaTree {
  root: BvaNode;
  asOf: string | null;
  units: UnitRow[];
}

/** The tree of every line in scope (or of `unitIds`), at `asOf` or now. */
export async function bvaTree(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  asOf: CivilDate | null,
  unitIds?: readonly string[],
): Promise<BvaTree> {
  const units = await UnitLookup.load(db, organizationId);
  const divisions = new Map(
    (await orgRepo.listDivisions(db, organizationId)).map((d) => [d.id, d]),
  );
  const lines = await repo.linesOfYears(db, organizationId, [fiscalYear], unitIds);
  let at: AsOf | null = null;
  if (asOf) {
    const y = fiscalYearOfDate(asOf);
    const iso = isoOf(asOf);
    at = {
      iso,
      before: y < fiscalYear,
      lines:
        y < fiscalYear
          ? new Map()
          : await reads.linesAsOf(
              db,
              organizationId,
              fiscalYear,
              y > fiscalYear ? 12 : fiscalMonthOfDate(asOf),
              iso,
            ),
    };
  }
  const root = node('bma', '', '', BMA_NAME);
  const child = (parent: BvaNode, make: () => BvaNode, key: string) => {
    let c = parent.children.get(key);
    if (!c) parent.children.set(key, (c = make()));
    return c;
  };
  for (const l of lines) {
    const f = lineFigures(l, at);
    const u = units.byId(l.unitId)!;
    const d = u.analysisDivisionId ? divisions.get(u.analysisDivisionId) : undefined;
    const dKey = d?.id ?? NO_DIVISION;
    const path: BvaNode[] = [root];
    path.push(
      child(
        root,
        () =>
          node(
            'division',
            dKey,
            d?.analysisNo ? String(d.analysisNo) : '',
            d?.nameTh ?? NO_DIVISION_NAME,
          ),
        dKey,
      ),
    );
    path.push(child(path[1]!, () => node('unit', u.id, u.code, u.nameTh), u.id));
    const pk = programmeKey(l);
    path.push(
      child(path[2]!, () => node('programme', pk, '', l.programme || NO_PROGRAMME_NAME), pk),
    );
    const jk = projectKey(l);
    path.push(child(path[3]!, () => node('project', jk, l.projectCode, l.project), jk));
    const cat = l.expenseCategory as ExpenseCategory;
    path.push(child(path[4]!, () => node('category', cat, '', EXPENSE_CATEGORY_TH[cat]), cat));
    const leaf = child(path[5]!, () => node('line', l.id, l.lineCode ?? '', lineName(l)), l.id);
    leaf.line = l;
    path.push(leaf);
    for (const n of path) add(n.figures, f);
  }
  return { root, asOf: at?.iso ?? null, units: [...units.units] };
}

const CATEGORY_ORDER = new Map(EXPENSE_CATEGORIES.map((c, i) => [c as string, i]));

/** A node's children in reading order. */
export function childrenOf(n: BvaNode): BvaNode[] {
  const rows = [...n.children.values()];
  switch (n.level) {
    case 'bma':
      return rows.sort(
        (a, b) =>
          (a.code === '' ? 999 : Number(a.code)) - (b.code === '' ? 999 : Number(b.code)) ||
          compareThai(a.name, b.name),
      );
    case 'division':
      return rows.sort((a, b) => a.code.localeCompare(b.code));
    case 'project':
      return rows.sort(
        (a, b) => (CATEGORY_ORDER.get(a.key) ?? 9) - (CATEGORY_ORDER.get(b.key) ?? 9),
      );
    case 'category':
      return rows.sort(
        (a, b) =>
          a.code.localeCompare(b.code) || compareThai(a.name, b.name) || a.key.localeCompare(b.key),
      );
    case 'unit':
      // Lines without a programme last.
      return rows.sort(
        (a, b) => Number(a.key === 'n:') - Number(b.key === 'n:') || compareThai(a.name, b.name),
      );
    default:
      return rows.sort((a, b) => compareThai(a.name, b.name) || a.code.localeCompare(b.code));
  }
}

export const rateOf = (f: Figures): string | null =>
  f.revised === 0n ? null : ratioPercent(f.disbursed, f.revised, 3);

const b = satangToDecimalString;
export function showFigures(n: BvaNode) {
  const f = n.figures;
  return {
    enactedBaht: b(f.enacted),
    revisedBaht: b(f.revised),
    reservedBaht: b(f.reserved),
    obligatedBaht: b(f.obligated),
    disbursedBaht: b(f.disbursed),
    availableBaht: b(f.available),
    disbursementRate: rateOf(f),
    childCount: n.children.size,
  };
}

export function showRow(n: BvaNode) {
  return {
    level: n.level,
    key: n.key,
    code: n.code,
    name: n.name,
    lineId: n.line?.id ?? null,
    lineCode: n.line ? n.line.lineCode : null,
    fundSource: n.line ? (n.line.fundSource as FundSource) : null,
    ...showFigures(n),
  };
}

export interface BvaPath {
  division?: string | undefined;
  unit?: string | undefined;
  programme?: string | undefined;
  project?: string | undefined;
  category?: string | undefined;
}

const NEXT: Record<BvaLevel, BvaLevel> = {
  bma: 'division',
  division: 'unit',
  unit: 'programme',
  programme: 'project',
  project: 'category',
  category: 'line',
  line: 'line',
};

const notFound = (what: string) =>
  new AppError('not_found', `${what} has no budget lines in your scope`, {
    reason: 'budget_node_not_found',
  });

/** GET /execution/budget-vs-actual: the node the path names and its children. */
export async function budgetVsActual(
  database: Database,
  actor: Actor,
  q: BvaPath & { fiscalYear: number; asOf?: string | undefined },
) {
  const need = (has: unknown, what: string, above: string) => {
    if (has === undefined)
      throw new AppError('validation', `${what} needs ${above}`, {
        reason: 'invalid_request',
        fields: [{ path: above, reason: 'required', message: `${what} needs ${above}` }],
      });
  };
  if (q.programme !== undefined) need(q.unit, 'programme', 'unit');
  if (q.project !== undefined) need(q.programme, 'project', 'programme');
  if (q.category !== undefined) need(q.project, 'category', 'project');
  const asOf = q.asOf ? asOfDate(q.fiscalYear, q.asOf) : null;
  const org = actor.organizationId;
  const tree = await withScope(database, actor, async (db) => {
    if (q.unit) {
      const u = await orgRepo.getUnit(db, org, q.unit);
      if (!u)
        throw new AppError('not_found', 'no such unit in your scope', { reason: 'unit_not_found' });
      return { ...(await bvaTree(db, org, q.fiscalYear, asOf, [u.id])), unit: u };
    }
    return { ...(await bvaTree(db, org, q.fiscalYear, asOf)), unit: undefined };
  });
  let at = tree.root;
  const path = [at];
  const step = (key: string | undefined, what: string) => {
    if (key === undefined) return;
    const next = at.children.get(key);
    if (!next) throw notFound(what);
    at = next;
    path.push(at);
  };
  if (tree.unit) {
    const dKey = tree.unit.analysisDivisionId ?? NO_DIVISION;
    if (q.division !== undefined && q.division !== dKey) throw notFound('the division');
    const d = at.children.get(dKey);
    if (!d) {
      // A unit in scope without lines this year: its node, empty.
      return {
        fiscalYear: q.fiscalYear,
        asOf: tree.asOf,
        path: [
          { level: 'bma' as const, key: '', name: BMA_NAME },
          { level: 'unit' as const, key: tree.unit.id, name: tree.unit.nameTh },
        ],
        level: 'programme' as const,
        total: showFigures(node('unit', tree.unit.id, tree.unit.code, tree.unit.nameTh)),
        rows: [],
      };
    }
    step(dKey, 'the division');
    step(tree.unit.id, 'the unit');
  } else step(q.division, 'the division');
  step(q.programme, 'the programme');
  step(q.project, 'the project');
  step(q.category, 'the category');
  return {
    fiscalYear: q.fiscalYear,
    asOf: tree.asOf,
    path: path.map((p) => ({ level: p.level, key: p.key, name: p.name })),
    level: NEXT[at.level],
    total: showFigures(at),
    rows: childrenOf(at).map(showRow),
  };
}

/** GET /execution/lines/:id/documents: the line, and its documents newest first. */
export async function lineDocuments(
  database: Database,
  actor: Actor,
  lineId: string,
  page: { limit: number; offset: number },
) {
  const org = actor.organizationId;
  return withScope(database, actor, async (db) => {
    const l = await repo.getLine(db, org, lineId);
    if (!l)
      throw new AppError('not_found', 'no such budget line', { reason: 'budget_line_not_found' });
    const u = await orgRepo.getUnit(db, org, l.unitId);
    const rows = await reads.lineDocuments(db, org, l.id, page.limit, page.offset);
    // Past the last page the window has no row to carry the count: ask for the first one.
    const total =
      rows[0]?.total ??
      (page.offset > 0 ? (await reads.lineDocuments(db, org, l.id, 1, 0))[0]?.total : undefined);
    const n = node('line', l.id, l.lineCode ?? '', lineName(l));
    add(n.figures, lineFigures(l, null));
    return {
      line: {
        id: l.id,
        unitCode: u?.code ?? '',
        unitName: u?.nameTh ?? '',
        fiscalYear: l.fiscalYear,
        programme: l.programme,
        project: l.project,
        expenseCategory: l.expenseCategory as ExpenseCategory,
        expenseItem: l.expenseItem,
        ...showFigures(n),
      },
      items: rows.map((r) => ({
        kind: r.kind as 'obligation',
        documentNo: r.document_no,
        date: r.date,
        amountBaht: b(BigInt(r.amount)),
        settledBaht: r.settled === null ? null : b(BigInt(r.settled)),
        vendor: r.vendor,
        obligationNo: r.obligation_no,
        counterpart: r.counterpart,
        status: r.status,
        detail: r.detail,
      })),
      total: Number(total ?? 0),
    };
  });
}
