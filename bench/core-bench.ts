/**
 * Micro-benchmark of @pbis/core (`pbis bench`): scores 1,000,000 results (bands, milestone and
 * step_sum mixed) and formats 1,000,000 amounts with formatBaht and bahtText. Each figure has a raw
 * baseline measured in the same run — the same loop with plain floating-point comparisons or
 * Number.toFixed — and `ratio_to_raw` = core per_second ÷ raw per_second.
 */
import {
  SEED_CRITERIA,
  bahtText,
  formatBaht,
  scoreResult,
  type Criteria,
  type ScoreOutcome,
} from '@pbis/core';

export interface CoreBenchOptions {
  /** Results scored and amounts formatted per benchmark. Default 1,000,000. */
  n?: number;
  /** Seed of the deterministic input generator. Default 2565. */
  seed?: number;
}

interface Figure {
  bench: string;
  n: number;
  seconds: number;
  per_second: number;
}

/** mulberry32: a small deterministic PRNG, so every run scores the same inputs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Case {
  criteria: Criteria;
  result: string;
}

/** Results that every criteria accepts: KPI2 percentages outside its gaps, step counts, step lists. */
function scoreCases(n: number, next: () => number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = next();
    if (i % 3 === 0) {
      let x = Math.floor(r * 1000) / 100; // 0.00 … 9.99
      if ((x >= 2 && x < 2.01) || (x >= 3 && x < 3.01)) x += 0.5;
      cases.push({ criteria: SEED_CRITERIA['2'], result: x.toFixed(2) });
    } else if (i % 3 === 1) {
      cases.push({
        criteria: i % 2 ? SEED_CRITERIA['1'] : SEED_CRITERIA['3'],
        result: String(Math.floor(r * 6)),
      });
    } else {
      const steps = [1, 2, 3, 4, 5].filter((_, k) => (Math.floor(r * 32) >> k) & 1);
      cases.push({ criteria: SEED_CRITERIA['5.2'], result: steps.join(',') });
    }
  }
  return cases;
}

/** The same scoring with plain JavaScript numbers: what the engine costs over the simplest code. */
function rawScore(c: Case): number {
  if (c.criteria.kind === 'bands') {
    const x = Number.parseFloat(c.result);
    if (x === 0) return 20;
    if (x > 0 && x < 2) return 18;
    if (x >= 2.01 && x < 3) return 16;
    if (x >= 3.01 && x < 4) return 14;
    if (x >= 4) return 12;
    throw new Error('gap');
  }
  if (c.criteria.kind === 'milestone') {
    const steps = Number.parseInt(c.result, 10);
    return steps === 0 ? 0 : Number(c.criteria.levels[steps - 1]?.points);
  }
  if (c.criteria.kind === 'step_sum' && c.result !== '') {
    const worth = [25, 10, 20, 20, 25];
    return c.result.split(',').reduce((sum, s) => sum + (worth[Number(s) - 1] ?? 0), 0);
  }
  return 0;
}

function time(bench: string, n: number, loop: () => number): Figure & { sink: number } {
  const start = performance.now();
  const sink = loop();
  const seconds = (performance.now() - start) / 1000;
  return {
    bench,
    n,
    seconds: Number(seconds.toFixed(3)),
    per_second: Math.round(n / seconds),
    sink,
  };
}

function pair(core: Figure & { sink: number }, raw: Figure & { sink: number }): object[] {
  if (core.sink === 0 || raw.sink === 0) throw new Error(`${core.bench}: nothing computed`);
  const strip = ({ sink: _sink, ...figure }: Figure & { sink: number }): Figure => figure;
  return [
    {
      ...strip(core),
      baseline: raw.bench,
      ratio_to_raw: Number((core.per_second / raw.per_second).toFixed(3)),
    },
    strip(raw),
  ];
}

/** Runs the core benchmarks and returns one JSON-able object per measurement. */
export async function runCoreBench(options: CoreBenchOptions = {}): Promise<object[]> {
  const n = options.n ?? 1_000_000;
  const next = random(options.seed ?? 2565);
  const cases = scoreCases(n, next);
  const amounts = Array.from({ length: n }, () => BigInt(Math.floor(next() * 1e12))); // up to 10,000,000,000.00 baht
  const amountNumbers = amounts.map(Number);

  // Warm up both paths so the JIT compares like with like.
  for (let i = 0; i < Math.min(n, 20_000); i += 1) {
    scoreResult((cases[i] as Case).criteria, (cases[i] as Case).result);
    rawScore(cases[i] as Case);
    bahtText(amounts[i] as bigint);
    formatBaht(amounts[i] as bigint);
  }

  const score = time('core_score', n, () => {
    let sink = 0;
    for (const c of cases)
      sink += (scoreResult(c.criteria, c.result) as ScoreOutcome).points.length;
    return sink;
  });
  const scoreRaw = time('core_score_raw', n, () => {
    let sink = 0;
    for (const c of cases) sink += rawScore(c) + 1;
    return sink;
  });
  const format = time('core_format_baht', n, () => {
    let sink = 0;
    for (const a of amounts) sink += formatBaht(a).length;
    return sink;
  });
  const formatRaw = time('core_format_baht_raw', n, () => {
    let sink = 0;
    for (const a of amountNumbers) sink += (a / 100).toFixed(2).length;
    return sink;
  });
  const words = time('core_baht_text', n, () => {
    let sink = 0;
    for (const a of amounts) sink += bahtText(a).length;
    return sink;
  });
  const wordsRaw = time('core_baht_text_raw', n, () => {
    let sink = 0;
    for (const a of amountNumbers) sink += (a / 100).toFixed(2).length;
    return sink;
  });
  return [...pair(score, scoreRaw), ...pair(format, formatRaw), ...pair(words, wordsRaw)];
}
