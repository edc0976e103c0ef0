import {
  AppError,
  forecastCarryOver,
  forecastSeptember,
  forecastStatus,
  isForecastMiss,
  isoOf,
  scoreResult,
  SEED_CRITERIA,
  type CarryOverReferenceYear,
  type Criteria,
} from '@pbis/core';
import type { Forecast, ForecastScore, IndicatorForecast } from '@pbis/contract';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import {
  analysisAsOf,
  analysisYear,
  todayInBangkok,
  committedCurve,
  countedCarryOvers,
  disbursementCurve,
  figuresAsOf,
  includedIn2,
  MONTHS,
  monthsObservedAt,
  pct,
  sumCurves,
  unitCurves,
  type UnitYearCurves,
} from './analysis-curves.js';
import { loadRules } from './analysis-rules.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as reportReads from './repositories/reports.js';
import * as reads from './repositories/analysis.js';

/*
 * The September forecast of both money indicators (GET /execution/forecast; ADR 0011): for each
 * unit in scope and the whole organisation, core's ratio-to-September method over the unit's
 * monthly curve so far and the prior years' curves (up to five), with the level and points each
 * value would score and the units forecast to miss their targets.
 */

/** How many prior fiscal years the forecast looks back. */
export const PRIOR_YEARS = 5;

const fix = (x: number): string => x.toFixed(3);

/** The criteria money.ts scores each indicator with: the seed's (5.1 has none). */
const CRITERIA: Record<'5.1' | '2', Criteria | undefined> = {
  '5.1': (SEED_CRITERIA as Record<string, Criteria | undefined>)['5.1'],
  '2': SEED_CRITERIA['2'],
};

/** The level and points a value would score; a gap is said, never guessed. */
export function scoreOf(
  criteria: Criteria | undefined,
  value: number | null,
  included = true,
): ForecastScore {
  const none = { level: null, points: null };
  if (!included)
    return {
      ...none,
      status: 'not_included',
      note: 'left out of indicator 2 (university or enterprise)',
    };
  if (!criteria) return { ...none, status: 'no_criteria', note: 'no criteria for this indicator' };
  if (value === null) return { ...none, status: 'no_base', note: 'no budget in the base' };
  try {
    const s = scoreResult(criteria, fix(value)) as { level: number; points: unknown };
    return { level: s.level, points: String(s.points), status: 'scored', note: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const d = (e.details ?? {}) as { below?: unknown; above?: unknown };
    const gap = d.below !== undefined && d.above !== undefined;
    return { ...none, status: gap ? 'gap' : 'out_of_range', note: e.message };
  }
}

/** A curve that ends at month k: what "September" means for the path's month k. */
const endAt = (c: readonly number[], k: number): number[] =>
  c.map((v, i) => (i < k ? v : c[k - 1]!));

const empty = (criteria: Criteria | undefined, included: boolean): IndicatorForecast => {
  const s = scoreOf(criteria, null, included);
  return {
    curve: [],
    current: null,
    point: null,
    low: null,
    high: null,
    path: [],
    method: 'none',
    references: 0,
    score: { point: s, low: s, high: s },
    status: null,
  };
};

interface Refs51 {
  history: number[][];
  pool: number[][];
}

function disbursementForecast(
  c: UnitYearCurves | undefined,
  refs: Refs51,
  observed: number,
  target: string,
): IndicatorForecast {
  const criteria = CRITERIA['5.1'];
  const at = Math.max(observed, 1) - 1;
  if (!c || c.base51[at]! <= 0n) return empty(criteria, true);
  const curve = observed === 0 ? [] : disbursementCurve(c, observed);
  const input = observed === 0 ? [0] : curve;
  const f = forecastSeptember(input, refs.history, refs.pool);
  const path: IndicatorForecast['path'] = [];
  let top = { point: -Infinity, low: -Infinity, high: -Infinity };
  for (let k = Math.max(observed, 1); k <= MONTHS; k++) {
    const g =
      k === observed
        ? { pointPercent: curve[k - 1]!, lowPercent: curve[k - 1]!, highPercent: curve[k - 1]! }
        : k === MONTHS
          ? f
          : forecastSeptember(
              input,
              refs.history.map((h) => endAt(h, k)),
              refs.pool.map((h) => endAt(h, k)),
            );
    // A cumulative rate does not fall: each month at least the month before.
    top = {
      point: Math.max(top.point, g.pointPercent),
      low: Math.max(top.low, g.lowPercent),
      high: Math.max(top.high, g.highPercent),
    };
    path.push({ fiscalMonth: k, point: fix(top.point), low: fix(top.low), high: fix(top.high) });
  }
  const score = (v: number) => scoreOf(criteria, v);
  return {
    curve: curve.map(fix),
    current: observed === 0 ? null : fix(curve[observed - 1]!),
    point: fix(f.pointPercent),
    low: fix(f.lowPercent),
    high: fix(f.highPercent),
    path,
    method: observed === MONTHS ? 'actual' : f.method,
    references: f.referenceCurves,
    score: { point: score(f.pointPercent), low: score(f.lowPercent), high: score(f.highPercent) },
    status: forecastStatus(f, target, 'at_least'),
  };
}

interface Refs2 {
  history: CarryOverReferenceYear[];
  pool: CarryOverReferenceYear[];
}

function carryOverForecast(
  c: UnitYearCurves | undefined,
  refs: Refs2,
  observed: number,
  included: boolean,
  actual: bigint | null,
  target: string,
): IndicatorForecast {
  const criteria = CRITERIA['2'];
  const at = Math.max(observed, 1) - 1;
  if (!c || c.base2[at]! <= 0n) return empty(criteria, included);
  const curve = observed === 0 ? [] : committedCurve(c, observed);
  let point: number, low: number, high: number, method: string, references: number;
  if (actual !== null) {
    point = low = high = pct(actual, c.base2[MONTHS - 1]!);
    method = 'actual';
    references = 0;
  } else {
    const f = forecastCarryOver(observed === 0 ? [0] : curve, refs.history, refs.pool);
    ({ pointPercent: point, lowPercent: low, highPercent: high } = f);
    method = f.method;
    references = f.referenceYears;
  }
  const score = (v: number) => scoreOf(criteria, v, included);
  return {
    curve: curve.map(fix),
    current: actual === null ? null : fix(point),
    point: fix(point),
    low: fix(low),
    high: fix(high),
    path: [],
    method,
    references,
    score: { point: score(point), low: score(low), high: score(high) },
    status: included
      ? forecastStatus(
          { pointPercent: point, lowPercent: low, highPercent: high },
          target,
          'at_most',
        )
      : null,
  };
}

const byYear = <T extends { fiscalYear: number }>(rows: readonly T[]) => {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    if (!m.has(r.fiscalYear)) m.set(r.fiscalYear, []);
    m.get(r.fiscalYear)!.push(r);
  }
  return m;
};

export async function executionForecast(
  database: Database,
  actor: Actor,
  q: { fiscalYear?: string | undefined; asOf?: string | undefined; unitId?: string | undefined },
): Promise<Forecast> {
  const fy = await analysisYear(database, actor, q.fiscalYear);
  const asOf = analysisAsOf(fy, q.asOf, todayInBangkok());
  const observed = monthsObservedAt(fy, asOf);
  const org = actor.organizationId;
  const years = Array.from({ length: PRIOR_YEARS + 1 }, (_, i) => fy - PRIOR_YEARS + i);
  const data = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, org),
    divisions: await reads.unitDivisions(db, org),
    lines: await repo.linesOfYears(db, org, years),
    months: await reads.monthRowsOfYears(db, org, years),
    carryOvers: await reportReads.carryOversOf(db, org),
    rules: await loadRules(db, org),
  }));
  if (q.unitId && !data.units.byId(q.unitId))
    throw new AppError('not_found', 'no such receiving unit', { reason: 'unit_not_found' });
  const targets = data.rules.targets;
  const kindOf = (unitId: string) => data.units.byId(unitId)?.kind ?? 'department';
  const linesBy = byYear(data.lines);
  const monthsBy = byYear(data.months);
  const carryBy = byYear(data.carryOvers);
  const curves = new Map<number, Map<string, UnitYearCurves>>();
  const counted = new Map<number, Map<string, bigint>>();
  for (const y of years) {
    curves.set(y, unitCurves(linesBy.get(y) ?? [], monthsBy.get(y) ?? []));
    counted.set(y, countedCarryOvers(linesBy.get(y) ?? [], carryBy.get(y) ?? []));
  }
  const prior = years.filter((y) => y < fy);
  const ALL = 'ALL';
  // The whole organisation: every unit for 5.1, the units indicator 2 counts for indicator 2.
  const allOf = (y: number) => {
    const cs = [...curves.get(y)!.values()];
    const in2 = cs.filter((c) => includedIn2(kindOf(c.unitId)));
    const both = sumCurves(cs, ALL);
    const two = sumCurves(in2, ALL);
    const carry = [...counted.get(y)!].reduce(
      (s, [u, a]) => s + (includedIn2(kindOf(u)) ? a : 0n),
      0n,
    );
    return {
      curves: { ...both, base2: two.base2, committed2: two.committed2 },
      carry,
    };
  };
  const ref51 = (y: number, unitId: string): number[] | null => {
    const c = unitId === ALL ? allOf(y).curves : curves.get(y)!.get(unitId);
    return c && c.base51[MONTHS - 1]! > 0n ? disbursementCurve(c) : null;
  };
  const ref2 = (y: number, unitId: string): CarryOverReferenceYear | null => {
    const all = unitId === ALL ? allOf(y) : null;
    const c = all ? all.curves : curves.get(y)!.get(unitId);
    if (!c || c.base2[MONTHS - 1]! <= 0n) return null;
    const carry = all ? all.carry : (counted.get(y)!.get(unitId) ?? 0n);
    return {
      committedCurve: committedCurve(c),
      carryOverPercent: pct(carry, c.base2[MONTHS - 1]!),
    };
  };
  const nonNull = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);
  const priorUnits = new Set(prior.flatMap((y) => [...curves.get(y)!.keys()]));
  const own51 = new Map<string, number[][]>();
  const own2 = new Map<string, CarryOverReferenceYear[]>();
  for (const u of priorUnits) {
    own51.set(u, nonNull(prior.map((y) => ref51(y, u))));
    if (includedIn2(kindOf(u))) own2.set(u, nonNull(prior.map((y) => ref2(y, u))));
  }
  const poolExcept = <T>(m: Map<string, T[]>, unitId: string): T[] =>
    [...m].filter(([u]) => u !== unitId).flatMap(([, v]) => v);
  // At the year's end, once carry-overs are recorded, indicator 2 is known rather than forecast.
  const carryKnown = observed === MONTHS && (carryBy.get(fy)?.length ?? 0) > 0;
  const current = curves.get(fy)!;

  const rowOf = (unitId: string) => {
    const isAll = unitId === ALL;
    const u = isAll ? null : data.units.byId(unitId)!;
    const included = isAll || includedIn2(u!.kind);
    const c = isAll ? allOf(fy).curves : current.get(unitId);
    const actual = !carryKnown
      ? null
      : isAll
        ? allOf(fy).carry
        : (counted.get(fy)!.get(unitId) ?? 0n);
    return {
      unitId: isAll ? null : unitId,
      unitCode: isAll ? ALL : u!.code,
      unitName: isAll ? 'กรุงเทพมหานคร (ทุกหน่วยงาน)' : u!.nameTh,
      analysisDivisionNo: isAll ? null : (data.divisions.get(unitId) ?? null),
      included,
      disbursement: disbursementForecast(
        c,
        isAll
          ? { history: nonNull(prior.map((y) => ref51(y, ALL))), pool: [] }
          : { history: own51.get(unitId) ?? [], pool: poolExcept(own51, unitId) },
        observed,
        targets.disbursementRate,
      ),
      carryOver: carryOverForecast(
        c,
        isAll
          ? { history: nonNull(prior.map((y) => ref2(y, ALL))), pool: [] }
          : { history: own2.get(unitId) ?? [], pool: poolExcept(own2, unitId) },
        observed,
        included,
        actual,
        targets.carryOverRate,
      ),
    };
  };

  const unitIds = [...current.keys()]
    .filter((id) => !q.unitId || id === q.unitId)
    .sort((a, b) => data.units.byId(a)!.code.localeCompare(data.units.byId(b)!.code));
  const rows = unitIds.map(rowOf);
  rows.push(rowOf(ALL));

  const severity = { miss: 0, likely_miss: 1, at_risk: 2, on_track: 3 } as const;
  const misses = rows
    .filter((r) => r.unitId !== null)
    .flatMap((r) =>
      (
        [
          ['5.1', r.disbursement, targets.disbursementRate],
          ['2', r.carryOver, targets.carryOverRate],
        ] as const
      )
        .filter(([, f]) => f.status !== null && isForecastMiss(f.status))
        .map(([indicator, f, target]) => ({
          unitId: r.unitId,
          unitCode: r.unitCode,
          unitName: r.unitName,
          analysisDivisionNo: r.analysisDivisionNo,
          indicator,
          status: f.status!,
          current: f.current,
          point: f.point!,
          low: f.low!,
          high: f.high!,
          target: fix(Number(target)),
          score: f.score.point,
          gapToTarget: Math.abs(Number(f.point) - Number(target)),
        })),
    )
    .sort(
      (a, b) =>
        severity[a.status] - severity[b.status] ||
        b.gapToTarget - a.gapToTarget ||
        a.unitCode.localeCompare(b.unitCode),
    )
    .map(({ gapToTarget: _gap, ...m }) => m);

  return {
    fiscalYear: fy,
    asOf: isoOf(asOf),
    figuresAsOf: figuresAsOf(fy, observed),
    monthsObserved: observed,
    targets: {
      disbursementRate: fix(Number(targets.disbursementRate)),
      carryOverRate: fix(Number(targets.carryOverRate)),
    },
    rows,
    misses,
  };
}
