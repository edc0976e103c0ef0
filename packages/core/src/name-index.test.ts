import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedEditDistance, NameIndex } from './name-index.js';
import { editDistance, findNearMisses, nameKey, nearMissMaxDistance } from './thai-text.js';

const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
const UNITS = [
  'สำนักการระบายน้ำ',
  'สำนักการโยธา',
  'สำนักงานเขตราษฎร์บูรณะ',
  'สำนักงานเขตบางนา',
  'สำนักงานเขตบางแค',
  'สำนักอนามัย',
];

describe('nearMissMaxDistance', () => {
  it.each([
    ['', 1],
    ['a'.repeat(19), 1],
    ['a'.repeat(20), 2],
    ['สำนักงานเขตราษฎร์บูรณะ', 2],
    ['😀'.repeat(19), 1], // 38 UTF-16 units, 19 code points
  ])('%j → %i', (key, max) => expect(nearMissMaxDistance(key)).toBe(max));
});

describe('boundedEditDistance', () => {
  it.each([
    ['kitten', 'sitting', 3, 3],
    ['kitten', 'sitting', 2, 3],
    ['', '', 0, 0],
    ['', 'ab', 2, 2],
    ['ab', '', 1, 2],
    ['abc', 'abc', 1, 0],
    ['ab', 'ba', 1, 2],
    ['ab', 'ba', 2, 2],
    ['สำนักอนามัย', 'สำนักอนามย', 1, 1],
    ['aaaa', 'bbbbbbbb', 2, 3],
    ['abcdef', 'azcdez', 1, 2],
    ['a'.repeat(150), `${'a'.repeat(149)}b`, 2, 1], // longer than the rows kept between calls
  ])('%j ~ %j within %i = %i', (a, b, max, d) =>
    expect(boundedEditDistance(cps(a), cps(b), max)).toBe(d),
  );

  it('equals the full Levenshtein distance, capped at max + 1', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'ก', '😀'), maxLength: 10 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(boundedEditDistance(cps(a), cps(b), max)).toBe(
          Math.min(editDistance(a, b), max + 1),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('NameIndex', () => {
  const index = new NameIndex(UNITS, nameKey);

  it.each([
    ['สำนักการระบายน้ำ', []], // the exact name is not a near miss
    ['สำนักการระบายนำ', ['สำนักการระบายน้ำ']], // a missing tone mark
    ['สำนักงานเขตราษฎร์บูรณ', ['สำนักงานเขตราษฎร์บูรณะ']],
    ['สำนักงานเขตบางน', ['สำนักงานเขตบางนา']],
    ['สำนักงานเขตบางนาา', ['สำนักงานเขตบางนา']],
    ['สำนักงาน เขตบางแค ', []], // spacing does not make a near miss: same key
    ['สำนักการแพทย์', []],
    ['', []],
  ])('%j → %j', (name, expected) => {
    expect(index.nearMisses(name).map((m) => m.item)).toEqual(expected);
    expect(index.nearMisses(name)).toEqual(findNearMisses(name, UNITS, nameKey));
  });

  it('lists closer names first, then in the order they were added, duplicates included', () => {
    const known = [
      { code: 'A', key: 'abcd' },
      { code: 'B', key: 'abxd' },
      { code: 'C', key: 'abc' },
      { code: 'D', key: 'abc' },
    ];
    const byKey = new NameIndex(known, (u) => u.key);
    const found = byKey.nearMisses('abcx');
    expect(found.map((m) => [m.item.code, m.distance])).toEqual([
      ['A', 1],
      ['C', 1],
      ['D', 1],
    ]);
    expect(found).toEqual(findNearMisses('abcx', known, (u) => u.key));
    expect(byKey.size).toBe(4);
  });

  it('finds near misses of one- and two-letter names, which share no bigram', () => {
    const short = new NameIndex(['a', 'b', 'ab', 'ba', 'abc', ''], (s) => s);
    expect(short.nearMisses('x').map((m) => m.item)).toEqual(['a', 'b', '']);
    expect(short.nearMisses('').map((m) => m.item)).toEqual(['a', 'b']);
    expect(short.nearMisses('ab').map((m) => m.item)).toEqual(['a', 'b', 'abc']);
  });

  it('grows with add', () => {
    const grown = new NameIndex<string>([], nameKey);
    expect(grown.nearMisses('สำนักอนามัย')).toEqual([]);
    grown.add('สำนักอนามย');
    expect(grown.nearMisses('สำนักอนามัย')).toEqual([{ item: 'สำนักอนามย', distance: 1 }]);
  });

  it('answers as findNearMisses does, for any names (property)', () => {
    // A small alphabet and lengths around 20 code points: many near misses, both distance rules.
    const letter = fc.constantFrom('ก', 'ข', 'ำ', '่', 'a', 'b', ' ', '\u200B', '😀', 'A');
    const name = fc.oneof(
      fc.string({ unit: letter, maxLength: 4 }),
      fc.string({ unit: letter, minLength: 17, maxLength: 23 }),
    );
    const mutate = (s: string, at: number, ch: string, op: number) => {
      const c = [...s];
      const i = c.length ? at % c.length : 0;
      if (op === 0) c.splice(i, 1);
      else if (op === 1) c.splice(i, 0, ch);
      else c[i] = ch;
      return c.join('');
    };
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 30 }),
        name,
        fc.array(fc.tuple(fc.nat(), letter, fc.integer({ min: 0, max: 2 })), { maxLength: 3 }),
        fc.boolean(),
        (known, base, edits, normalise) => {
          // The query is often a few edits from a known name.
          const from = known.length ? known[base.length % known.length]! : base;
          const query = edits.reduce((s, [at, ch, op]) => mutate(s, at, ch, op), from);
          const keyOf = normalise ? nameKey : (s: string) => s;
          const idx = new NameIndex(known, keyOf);
          expect(idx.nearMisses(query)).toEqual(findNearMisses(query, known, keyOf));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers as findNearMisses does among many variants of one name (property)', () => {
    const letter = fc.constantFrom('ก', 'ข', 'ำ', 'a', 'b', '😀');
    const edit = fc.tuple(fc.nat(), letter, fc.integer({ min: 0, max: 2 }));
    const variant = (base: string, edits: [number, string, number][]) =>
      edits.reduce((s, [at, ch, op]) => {
        const c = [...s];
        const i = c.length ? at % (c.length + 1) : 0;
        if (op === 0) c.splice(i, 1);
        else if (op === 1) c.splice(i, 0, ch);
        else c.splice(i, 1, ch);
        return c.join('');
      }, base);
    fc.assert(
      fc.property(
        fc.string({ unit: letter, minLength: 1, maxLength: 24 }),
        fc.array(fc.array(edit, { maxLength: 4 }), { maxLength: 40 }),
        fc.array(edit, { maxLength: 3 }),
        (base, variants, queryEdits) => {
          const known = variants.map((e) => variant(base, e));
          const query = variant(base, queryEdits);
          const idx = new NameIndex(known, (s: string) => s);
          expect(idx.nearMisses(query)).toEqual(findNearMisses(query, known, (s) => s));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers among 5,000 similar names at least ten times faster than comparing with each', () => {
    // Names that share a long prefix and differ in coded blocks: dense, the index's hard case.
    const letters = 'กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภม';
    const nameOf = (i: number) =>
      `สำนักงานเขต${String(i)
        .padStart(5, '0')
        .split('')
        .map((d) => letters[Number(d)]! + letters[Number(d) + 10]!)
        .join('')}`;
    const known = Array.from({ length: 5000 }, (_, i) => nameOf(i * 13));
    const big = new NameIndex(known, nameKey);
    const queries = Array.from({ length: 200 }, (_, i) => `${nameOf(i * 13 * 7)}ก`);
    const time = (f: (q: string) => unknown, qs: string[]) => {
      const started = Date.now();
      for (const q of qs) f(q);
      return (Date.now() - started) / qs.length;
    };
    const indexed = time((q) => big.nearMisses(q), queries);
    const brute = time((q) => findNearMisses(q, known, nameKey), queries.slice(0, 20));
    for (const q of queries.slice(0, 20))
      expect(big.nearMisses(q)).toEqual(findNearMisses(q, known, nameKey));
    expect(big.nearMisses(queries[1]!).map((m) => m.item)).toEqual([nameOf(91)]);
    expect(brute / indexed).toBeGreaterThan(10);
  }, 60_000); // coverage instrumentation on a loaded CI machine makes the brute half slow
});
