import { fromThaiDigits } from './thai-digits.js';
import { nameKey, nearMissMaxDistance, normalizeThai } from './thai-text.js';

/*
 * Search that forgives what people type. Three tiers, best first:
 *   exact  — the query, as typed (normalised, case and spaces ignored), is part of the text;
 *   folded — the same on the folded search keys: tone marks and other optional marks dropped,
 *            Thai digits read as Arabic ones, Latin accents dropped, punctuation ignored, common
 *            abbreviations spelled out; or every word of the query is part of the text;
 *   near   — the folded query (4 code points or more, with a letter) is within the near-miss distance of `thai-text` (1 edit, 2 from 20
 *            code points) of some part of the folded text: พยาไท finds สำนักงานเขตพญาไท.
 * Within a tier: smaller distance first, then the candidates' own order (the list's sort).
 */

/**
 * Abbreviations spelled out for the comparison (both sides, so the short and the long form meet).
 * Dots between the letters are optional; a `.` in `letters` is required. Each is recognised only
 * at the start of a word (after the start, a space, a dot or any non-Thai character), because
 * some are letter pairs inside ordinary words (พรพรรณ holds รพ, ธรรม holds รร).
 */
export const SEARCH_ABBREVIATIONS: readonly { readonly letters: string; readonly full: string }[] =
  [
    { letters: 'กทม', full: 'กรุงเทพมหานคร' }, // กทม, กทม., ก.ท.ม.
    { letters: 'สนง', full: 'สำนักงาน' }, // สนง., สนง.เขต…
    { letters: 'รพ', full: 'โรงพยาบาล' }, // รพ., ร.พ.
    { letters: 'รร', full: 'โรงเรียน' }, // รร., ร.ร.
    { letters: 'ม.', full: 'มหาวิทยาลัย' }, // ม.นวมินทราธิราช (the dot is required)
  ];

const THAI_CHAR = '\\u0E01-\\u0E4E';

const ABBREVIATION_PATTERNS = SEARCH_ABBREVIATIONS.map(({ letters, full }) => {
  const body = [...letters]
    .map((c, i, all) => (c === '.' ? '' : c + (all[i + 1] === '.' ? '\\.' : '\\.?')))
    .join('');
  return { pattern: new RegExp(`(?<![${THAI_CHAR}])${body}`, 'g'), full };
});

/** Thai marks a reader can do without: mai han-akat, maitaikhu, tone marks, thanthakhat, nikhahit, yamakkan. */
const OPTIONAL_THAI_MARKS = /[\u0E31\u0E47-\u0E4E]/g;
/** Latin combining accents (after NFD). */
const LATIN_ACCENTS = /[\u0300-\u036F]/g;
/** Everything that is not a letter, a mark or a digit: spaces, dots, hyphens, brackets. */
const NOT_WORD = /[^\p{L}\p{M}\p{N}]/gu;

const expandAbbreviations = (text: string): string =>
  ABBREVIATION_PATTERNS.reduce((s, { pattern, full }) => s.replace(pattern, full), text);

/**
 * The folded key a text is compared on: "สนง.เขตป้อมปราบฯ" and "สำนักงานเขตปอมปราบ" give the same.
 * Pure and cheap; compute it once per candidate when searching many times.
 */
export function searchKey(text: string): string {
  const lower = fromThaiDigits(normalizeThai(text).toLowerCase());
  // Marks go before the abbreviations are found (a stray tone mark is no letter of a word) and
  // again after (the spelled-out forms carry their own).
  return foldMarks(expandAbbreviations(foldMarks(lower)))
    .normalize('NFD')
    .replace(LATIN_ACCENTS, '')
    .replace(/ς/g, 'σ')
    .replace(NOT_WORD, '');
}

/** Sara am = nikhahit + sara aa: keep the aa; drop the optional marks. */
const foldMarks = (s: string): string =>
  s.replace(/\u0E33/g, '\u0E32').replace(OPTIONAL_THAI_MARKS, '');

export type MatchTier = 'exact' | 'folded' | 'near';

export interface SearchHit<T> {
  item: T;
  tier: MatchTier;
  /** Edits between the query and the closest part of the text (0 unless `tier` is 'near'). */
  distance: number;
}

/**
 * A folded query shorter than this finds no near misses (one edit in three letters is noise);
 * nor does one without a letter (a code or a year).
 */
export const NEAR_MISS_MIN_LENGTH = 4;

const codePointsOf = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0)!);

// Two rows of the table, reused across calls (the function is synchronous).
let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/**
 * The fewest edits turning `query` into some contiguous part of `text`, if at most `max`, else
 * `max + 1`: the Levenshtein table of `boundedEditDistance` with a free start and end in the
 * text (Sellers 1980), stopping as soon as a whole row exceeds `max`. Time: query × text.
 */
export function substringEditDistance(
  query: readonly number[],
  text: readonly number[],
  max: number,
): number {
  const n = query.length;
  const m = text.length;
  const over = max + 1;
  if (n === 0) return 0;
  if (prevRow.length < m + 1) {
    prevRow = new Int32Array(2 * m + 2);
    curRow = new Int32Array(2 * m + 2);
  }
  let prev = prevRow;
  let cur = curRow;
  prev.fill(0, 0, m + 1); // a part may start anywhere in the text
  for (let i = 1; i <= n; i++) {
    const q = query[i - 1];
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      let v = prev[j - 1]! + (q === text[j - 1] ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < v) v = up;
      const left = cur[j - 1]! + 1;
      if (left < v) v = left;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return over;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  let best = over;
  for (let j = 0; j <= m; j++) if (prev[j]! < best) best = prev[j]!; // and end anywhere
  return best;
}

interface Prepared<T> {
  item: T;
  raw: string[];
  exact: string[];
  folded: string[];
  foldedCodePoints: number[][];
}

type KeyOf<T> = (item: T) => string | readonly (string | null | undefined)[] | null | undefined;

const fieldsOf = <T>(item: T, key: KeyOf<T>): string[] => {
  const v = key(item);
  if (v == null) return [];
  return (typeof v === 'string' ? [v] : v).filter((s): s is string => typeof s === 'string');
};

function prepare<T>(candidates: readonly T[], key: KeyOf<T>): Prepared<T>[] {
  return candidates.map((item) => {
    const raw = fieldsOf(item, key);
    const folded = raw.map(searchKey);
    return {
      item,
      raw: raw.map((s) => s.toLowerCase()),
      exact: raw.map(nameKey),
      folded,
      foldedCodePoints: folded.map(codePointsOf),
    };
  });
}

function rank<T>(prepared: readonly Prepared<T>[], query: string): SearchHit<T>[] {
  const typed = query.trim().toLowerCase();
  const exactQuery = nameKey(query);
  const foldedQuery = searchKey(query);
  if (!typed || !foldedQuery)
    return prepared.map(({ item }) => ({ item, tier: 'exact', distance: 0 }));
  const words = query.split(/\s+/).map(searchKey).filter(Boolean);
  const queryCodePoints = codePointsOf(foldedQuery);
  const max = nearMissMaxDistance(foldedQuery);
  // Codes and years are typed exactly: 1005 is not a near miss of 1004.
  const tryNear = queryCodePoints.length >= NEAR_MISS_MIN_LENGTH && /\p{L}/u.test(foldedQuery);

  const hits: (SearchHit<T> & { order: number })[] = [];
  prepared.forEach((c, order) => {
    if (c.raw.some((s) => s.includes(typed)) || c.exact.some((s) => s.includes(exactQuery))) {
      hits.push({ item: c.item, tier: 'exact', distance: 0, order });
      return;
    }
    if (
      c.folded.some((s) => s.includes(foldedQuery)) ||
      (words.length > 1 && words.every((w) => c.folded.some((s) => s.includes(w))))
    ) {
      hits.push({ item: c.item, tier: 'folded', distance: 0, order });
      return;
    }
    if (!tryNear) return;
    let best = max + 1;
    for (const text of c.foldedCodePoints) {
      best = Math.min(best, substringEditDistance(queryCodePoints, text, max));
    }
    if (best <= max) hits.push({ item: c.item, tier: 'near', distance: best, order });
  });
  const tierRank: Record<MatchTier, number> = { exact: 0, folded: 1, near: 2 };
  hits.sort(
    (a, b) => tierRank[a.tier] - tierRank[b.tier] || a.distance - b.distance || a.order - b.order,
  );
  return hits.map(({ item, tier, distance }) => ({ item, tier, distance }));
}

/**
 * The candidates a query finds, best first (see the tiers above). `key` gives the texts a
 * candidate is found by (a name, or several: Thai name, English name, code). An empty query
 * finds every candidate, in order.
 */
export function forgivingMatch<T>(
  query: string,
  candidates: readonly T[],
  key: KeyOf<T>,
): SearchHit<T>[] {
  return rank(prepare(candidates, key), query);
}

/** `forgivingMatch` over a fixed list, its keys computed once: call the result per keystroke. */
export function forgivingSearcher<T>(
  candidates: readonly T[],
  key: KeyOf<T>,
): (query: string) => SearchHit<T>[] {
  const prepared = prepare(candidates, key);
  return (query) => rank(prepared, query);
}
