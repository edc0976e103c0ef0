import { stripFormatCharacters } from './text-safety.js';

/**
 * Thai text as it arrives from real files: decomposed sara am (ํ + า), stray zero-width and
 * bidirectional format characters (a leading U+202E makes a look-alike name), non-breaking and
 * doubled spaces. `nameKey` is what names are compared on.
 */
const SPACES = /[\s\u00A0\u2000-\u200A\u3000]+/g;
// NIKHAHIT + SARA AA, possibly with a tone mark typed between or before them → SARA AM.
const DECOMPOSED_SARA_AM = /\u0E4D([\u0E48-\u0E4B]?)\u0E32/g;
const TONE_BEFORE_NIKHAHIT = /([\u0E48-\u0E4B])\u0E4D\u0E32/g;

export function normalizeThai(text: string): string {
  return stripFormatCharacters(text.normalize('NFC'))
    .replace(TONE_BEFORE_NIKHAHIT, '$1\u0E33')
    .replace(DECOMPOSED_SARA_AM, '$1\u0E33')
    .replace(SPACES, ' ')
    .trim();
}

/** The key a unit name (or any Thai label) is matched on: normalised, spaces removed around Thai. */
export function nameKey(text: string): string {
  return normalizeThai(text).replace(/ /g, '').toLowerCase();
}

const collator = new Intl.Collator('th', { sensitivity: 'base', numeric: true });

/** Thai dictionary order (leading vowels are skipped as in a Thai dictionary). */
export const compareThai = (a: string, b: string): number => collator.compare(a, b);

/** Levenshtein distance on code points, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[y.length]!;
}

export interface NearMiss<T> {
  item: T;
  distance: number;
}

/**
 * How far a key may be from a known one to count as a near miss. Real names differ by little
 * (สำนักงานเขตบางนา / บางแค are 2 apart): 1, or 2 for keys of 20 code points or more.
 */
export function nearMissMaxDistance(key: string): number {
  let n = 0;
  for (const _ of key) if (++n >= 20) return 2;
  return 1;
}

/**
 * The known names a typed name nearly matches: a missing vowel, a letter, an extra space.
 * An exact match (same key) is not a near miss. Allowed distance grows with the length.
 * This compares with every known name; `NameIndex` gives the same answers from an index.
 */
export function findNearMisses<T>(
  name: string,
  known: readonly T[],
  keyOf: (item: T) => string,
): NearMiss<T>[] {
  const key = nameKey(name);
  const max = nearMissMaxDistance(key);
  const out: NearMiss<T>[] = [];
  for (const item of known) {
    const other = keyOf(item);
    if (other === key) continue;
    const d = editDistance(key, other, max);
    if (d <= max) out.push({ item, distance: d });
  }
  return out.sort((p, q) => p.distance - q.distance);
}
