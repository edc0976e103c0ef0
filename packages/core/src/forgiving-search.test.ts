import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedEditDistance } from './name-index.js';
import {
  forgivingMatch,
  forgivingSearcher,
  searchKey,
  substringEditDistance,
} from './forgiving-search.js';

const UNITS = [
  'สำนักงานเขตพระนคร',
  'สำนักงานเขตป้อมปราบศัตรูพ่าย',
  'สำนักงานเขตพญาไท',
  'สำนักงานเขตบางนา',
  'สำนักงานเขตบางแค',
  'สำนักการแพทย์',
  'โรงพยาบาลกลาง',
  'มหาวิทยาลัยนวมินทราธิราช',
  'สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร',
  'สำนักอนามัย',
];

const names = (query: string, list: readonly string[] = UNITS) =>
  forgivingMatch(query, list, (s) => s).map((h) => h.item);
const tiers = (query: string, list: readonly string[] = UNITS) =>
  forgivingMatch(query, list, (s) => s).map((h) => [h.item, h.tier, h.distance]);

describe('searchKey', () => {
  it.each([
    ['ป้อม', 'ปอม'],
    ['สำนัก', 'สานก'],
    ['กทม.', 'กรุงเทพมหานคร'],
    ['ก.ท.ม.', 'กรุงเทพมหานคร'],
    ['สนง.เขตบางนา', 'สานกงานเขตบางนา'],
    ['ร.พ.กลาง', 'โรงพยาบาลกลาง'],
    ['รพ. กลาง', 'โรงพยาบาลกลาง'],
    ['ม.นวมินทราธิราช', 'มหาวิทยาลยนวมินทราธิราช'],
    ['พรพรรณ', 'พรพรรณ'], // รพ inside a word is not an abbreviation
    ['ธรรมดา', 'ธรรมดา'],
    ['ม', 'ม'], // ม without its dot stays a letter
    ['  Café  ', 'cafe'],
    ['๒๕๖๙', '2569'],
    ['เขต-บาง นา', 'เขตบางนา'],
    ['\u202Eสำนัก', 'สานก'], // a bidirectional override is not part of the name
    ['่ม.๋ก', 'มหาวิทยาลยก'], // a stray tone mark is no letter of a word: ม. still starts one
  ])('%j → %j', (text, key) => expect(searchKey(text)).toBe(key));

  it('gives the same key to the short and the long form', () => {
    expect(searchKey('สนง.เขตป้อมปราบฯ')).toBe(searchKey('สำนักงานเขตปอมปราบฯ'));
    expect(searchKey('กทม')).toBe(searchKey('กรุงเทพมหานคร'));
    expect(searchKey('ม.นวมินทราธิราช')).toBe(searchKey('มหาวิทยาลัยนวมินทราธิราช'));
  });
});

describe('substringEditDistance', () => {
  const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
  it.each([
    ['abc', 'xxabcxx', 1, 0],
    ['abd', 'xxabcxx', 1, 1],
    ['abde', 'xxabcxx', 1, 2], // 2 > max: max + 1
    ['พยาไท', 'สำนักงานเขตพญาไท', 1, 1],
    ['', 'abc', 1, 0],
    ['ab', '', 1, 2],
  ])('%j in %j (max %i) → %i', (q, t, max, d) =>
    expect(substringEditDistance(cps(q), cps(t), max)).toBe(d),
  );
});

describe('substringEditDistance agrees with the edit distance of the closest part', () => {
  const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
  /** Every part of the text, compared with NameIndex's banded distance. */
  const byParts = (q: number[], t: number[], max: number) => {
    let best = max + 1;
    for (let i = 0; i <= t.length; i++)
      for (let j = i; j <= t.length; j++)
        best = Math.min(best, boundedEditDistance(q, t.slice(i, j), max));
    return best;
  };
  it('on random Thai and Latin text', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'กขงนบพญยาไทเ้่abc'.split('')),
      maxLength: 14,
    });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 3 }), (q, t, max) => {
        expect(substringEditDistance(cps(q), cps(t), max)).toBe(byParts(cps(q), cps(t), max));
      }),
    );
  });
});

describe('forgivingMatch', () => {
  it.each([
    // missing tone marks and mai han-akat
    ['ปอม', ['สำนักงานเขตป้อมปราบศัตรูพ่าย']],
    ['สานกอนามย', ['สำนักอนามัย']],
    // abbreviations
    ['กทม', ['สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร']],
    ['รพ.กลาง', ['โรงพยาบาลกลาง']],
    ['ร.พ.', ['โรงพยาบาลกลาง']],
    ['ม.นวมินทร์', ['มหาวิทยาลัยนวมินทราธิราช']],
    ['สนง.เขตบางนา', ['สำนักงานเขตบางนา']],
    // near misses (one letter)
    ['พยาไท', ['สำนักงานเขตพญาไท']],
    ['บางนาา', ['สำนักงานเขตบางนา']],
    // words in any order
    ['บางแค เขต', ['สำนักงานเขตบางแค']],
    // nothing close
    ['เชียงใหม่', []],
  ])('%j finds %j', (query, expected) => expect(names(query)).toEqual(expected));

  it('ranks exact substrings first, then folded, then near misses', () => {
    const list = ['สำนักงานเขตพญาไท', 'สำนักงานเขตบางพลัด', 'ถนนพยาไท', 'ตลาดพ้ยาไท'];
    expect(tiers('พยาไท', list)).toEqual([
      ['ถนนพยาไท', 'exact', 0],
      ['ตลาดพ้ยาไท', 'folded', 0],
      ['สำนักงานเขตพญาไท', 'near', 1],
    ]);
  });

  it('keeps the candidates’ own order within a tier', () => {
    expect(names('สำนักงานเขตบาง')).toEqual(['สำนักงานเขตบางนา', 'สำนักงานเขตบางแค']);
    expect(names('เขตบาง', ['สำนักงานเขตบางแค', 'สำนักงานเขตบางนา'])).toEqual([
      'สำนักงานเขตบางแค',
      'สำนักงานเขตบางนา',
    ]);
  });

  it('ignores case, spaces and Thai digits', () => {
    expect(names('BANG NA', ['Bang Na District Office', 'Bang Khae'])).toEqual([
      'Bang Na District Office',
    ]);
    expect(names('๑๐๐๔', ['1004', '1005'])).toEqual(['1004']);
  });

  it('finds a candidate by any of its texts, and skips missing ones', () => {
    const units = [
      { code: '1004', nameTh: 'สำนักงานเขตพญาไท', nameEn: 'Phaya Thai District Office' },
      { code: '2001', nameTh: 'สำนักอนามัย', nameEn: null },
    ];
    const key = (u: (typeof units)[number]) => [u.code, u.nameTh, u.nameEn];
    expect(forgivingMatch('phaya', units, key).map((h) => h.item.code)).toEqual(['1004']);
    expect(forgivingMatch('2001', units, key).map((h) => h.item.code)).toEqual(['2001']);
    expect(forgivingMatch('x', units, () => null)).toEqual([]);
  });

  it('finds every candidate, in order, for an empty query or one of marks only', () => {
    expect(names('')).toEqual(UNITS);
    expect(names('   ')).toEqual(UNITS);
    expect(names('่')).toEqual(UNITS);
  });

  it('needs four letters before it guesses', () => {
    expect(names('พญา', ['พยา'])).toEqual([]); // three letters, one edit: no guess
    expect(names('พญาไ', ['พยาไ'])).toEqual(['พยาไ']);
  });

  it('answers the same from a prepared searcher', () => {
    const search = forgivingSearcher(UNITS, (s) => s);
    for (const q of ['ปอม', 'กทม', 'พยาไท', '', 'zzz'])
      expect(search(q)).toEqual(forgivingMatch(q, UNITS, (s) => s));
  });
});

describe('forgivingMatch properties', () => {
  const thaiAndLatin = fc.string({
    unit: fc.constantFrom(
      ...'กขคงจฉชซญฎณดตถทนบปผพฟภมยรลวศษสหอฮะัาำิีึืุูเแโใไ็่้๊๋์ๆฯ๐๑๙0189abcXYZ .-'.split(''),
    ),
    maxLength: 30,
  });

  it('an exact substring always matches, in the exact tier', () => {
    fc.assert(
      fc.property(thaiAndLatin, fc.nat(), fc.nat(), (text, i, j) => {
        const from = i % (text.length + 1);
        const to = from + (j % (text.length - from + 1));
        const query = text.slice(from, to);
        const hits = forgivingMatch(query, ['ไม่เกี่ยวข้อง', text], (s) => s);
        const hit = hits.find((h) => h.item === text);
        expect(hit?.tier).toBe('exact');
      }),
    );
  });

  it('a text with its tone marks taken out is still found', () => {
    fc.assert(
      fc.property(thaiAndLatin, (text) => {
        const typed = text.replace(/[\u0E48-\u0E4B]/g, '');
        expect(forgivingMatch(typed, [text], (s) => s)).toHaveLength(1);
      }),
    );
  });
});
