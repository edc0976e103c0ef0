import { nameKey, nearMissMaxDistance, type NearMiss } from './thai-text.js';

/*
 * Near-miss names without comparing against every known name. Keys are split into bigrams
 * (pairs of code points, with a start and an end marker: a key of n code points has n + 1).
 * One edit changes at most two bigrams, so a key within k edits of the query keeps at least
 * n + 1 - 2k of the query's bigrams, each shifted by at most k places (the count and position
 * filters of Ukkonen and Gravano et al.); it therefore holds at least one of ANY 2k + 1 of them
 * within k places. The index looks up only the query's rarest 2k + 1 bigrams, and the
 * candidates they give are verified with a Levenshtein distance computed in a band.
 */

const START = 0x110000; // beyond the last code point: the markers are not characters
const END = 0x110001;
const BASE = 0x110002;

interface Entry {
  key: string;
  codePoints: number[];
  /** Positions in `items` of the known items with this key, in the order they were added. */
  items: number[];
}

const codePointsOf = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0)!);

/** The bigrams of a key with their positions (0 = the one with the start marker). */
function bigrams(codePoints: readonly number[]): number[] {
  const grams: number[] = [];
  let prev = START;
  for (const cp of codePoints) {
    grams.push(prev * BASE + cp);
    prev = cp;
  }
  grams.push(prev * BASE + END);
  return grams;
}

// Two rows of the distance table, reused across calls (the function is synchronous).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance of code points if it is at most `max`, else `max + 1`. */
export function boundedEditDistance(
  a: readonly number[],
  b: readonly number[],
  max: number,
): number {
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (n - m > max || m - n > max) return over;
  if (rowA.length < m + 2) {
    rowA = new Int32Array(2 * m + 2);
    rowB = new Int32Array(2 * m + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m + 1; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= n; i++) {
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < m ? i + max : m;
    const ai = a[i - 1];
    let left = lo === 1 && i <= max ? i : over;
    cur[lo - 1] = left;
    let rowMin = left;
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < v) v = up;
      if (left + 1 < v) v = left + 1;
      if (v > over) v = over;
      cur[j] = v;
      left = v;
      if (v < rowMin) rowMin = v;
    }
    cur[hi + 1] = over;
    if (rowMin > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]! < over ? prev[m]! : over;
}

/**
 * A prepared index of known names that answers exactly as `findNearMisses` does (same keys,
 * same allowed distance, same order: by distance, then in the order the items were added), in
 * time that grows with the few candidates a name has rather than with every known name.
 */
export class NameIndex<T> {
  private readonly items: T[] = [];
  private readonly entries: Entry[] = [];
  private readonly entryOfKey = new Map<string, number>();
  /** Bigram → flat pairs (entry, position) of every occurrence in the known keys. */
  private readonly postings = new Map<number, number[]>();
  /** Key length in code points → entries: for keys too short for the bigram filter. */
  private readonly byLength = new Map<number, number[]>();

  constructor(
    known: Iterable<T>,
    private readonly keyOf: (item: T) => string,
  ) {
    for (const item of known) this.add(item);
  }

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    const key = this.keyOf(item);
    const position = this.items.push(item) - 1;
    const known = this.entryOfKey.get(key);
    if (known !== undefined) {
      this.entries[known]!.items.push(position);
      return;
    }
    const id = this.entries.length;
    const codePoints = codePointsOf(key);
    this.entries.push({ key, codePoints, items: [position] });
    this.entryOfKey.set(key, id);
    bigrams(codePoints).forEach((gram, at) => {
      const list = this.postings.get(gram);
      if (list) list.push(id, at);
      else this.postings.set(gram, [id, at]);
    });
    const sameLength = this.byLength.get(codePoints.length);
    if (sameLength) sameLength.push(id);
    else this.byLength.set(codePoints.length, [id]);
  }

  /** The known items whose key is within the near-miss distance of `name`'s key, but not equal. */
  nearMisses(name: string): NearMiss<T>[] {
    const key = nameKey(name);
    const max = nearMissMaxDistance(key);
    const query = codePointsOf(key);
    const n = query.length;
    const candidates = new Set<number>();
    if (n + 1 - 2 * max <= 0) {
      // So short that a near miss may share no bigram: every key of a close length is a candidate.
      for (let len = Math.max(0, n - max); len <= n + max; len++)
        for (const id of this.byLength.get(len) ?? []) candidates.add(id);
    } else {
      // A near miss keeps n + 1 - 2k of the query's bigrams, each moved by at most k places, so it
      // has at least one of any 2k + 1 of them within k places: look up the rarest 2k + 1.
      const grams = bigrams(query).map((gram, at) => ({
        at,
        list: this.postings.get(gram) ?? [],
      }));
      grams.sort((p, q) => p.list.length - q.list.length);
      for (const { at, list } of grams.slice(0, 2 * max + 1)) {
        for (let i = 0; i < list.length; i += 2) {
          const shift = list[i + 1]! - at;
          if (shift <= max && shift >= -max) candidates.add(list[i]!);
        }
      }
    }
    const found: { position: number; distance: number }[] = [];
    for (const id of candidates) {
      const entry = this.entries[id]!;
      if (entry.key === key) continue;
      const distance = boundedEditDistance(query, entry.codePoints, max);
      if (distance <= max) for (const position of entry.items) found.push({ position, distance });
    }
    found.sort((p, q) => p.distance - q.distance || p.position - q.position);
    return found.map(({ position, distance }) => ({ item: this.items[position]!, distance }));
  }
}
