import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameKey } from '../thai-text.js';
import {
  indexLines,
  lineIdentityKey,
  resolveLine,
  type LineQuery,
  type LineRef,
} from './line-identity.js';

const ref = (id: string, over: Partial<LineRef> = {}): LineRef => ({
  id,
  lineCode: null,
  projectCode: null,
  projectKey: nameKey('งานบริหารทั่วไป'),
  expenseCategory: 'operating',
  fundSource: 'regular',
  expenseItemKey: '',
  ...over,
});

const LINES = [
  ref('a'),
  ref('b', { expenseCategory: 'capital', expenseItemKey: nameKey('ค่าครุภัณฑ์') }),
  ref('c', { expenseCategory: 'capital', expenseItemKey: nameKey('ค่าที่ดินและสิ่งก่อสร้าง') }),
  ref('d', { lineCode: 'L-1', projectCode: 'P9', projectKey: nameKey('โครงการอื่น') }),
  ref('e', { fundSource: 'supplementary' }),
];
const regular = { fundSource: 'regular' as const };

describe('lineIdentityKey', () => {
  const base = {
    fiscalYear: 2565,
    unitId: 'u1',
    project: 'งาน  บริหาร',
    expenseCategory: 'operating' as const,
    fundSource: 'regular' as const,
  };
  it('uses the line code when there is one', () => {
    expect(lineIdentityKey({ ...base, lineCode: 'X1' })).toBe('code:2565:X1');
    expect(lineIdentityKey({ ...base, lineCode: ' X1 ' })).toBe('code:2565:X1');
    expect(lineIdentityKey({ ...base, lineCode: '', projectCode: 'P' })).toBe(
      ['cols', '2565', 'u1', 'pc=P', 'operating', 'regular', ''].join('\u001f'),
    );
  });
  it('otherwise keys on every column, names compared by nameKey', () => {
    expect(lineIdentityKey(base)).toBe(
      ['cols', '2565', 'u1', 'p=งานบริหาร', 'operating', 'regular', ''].join('\u001f'),
    );
    expect(lineIdentityKey(base)).toBe(lineIdentityKey({ ...base, project: ' งาน บริหาร ' }));
    expect(lineIdentityKey(base)).toBe(lineIdentityKey({ ...base, expenseItem: null }));
    for (const other of [
      { expenseItem: 'ค่าครุภัณฑ์' },
      { fundSource: 'supplementary' as const },
      { expenseCategory: 'capital' as const },
      { unitId: 'u2' },
      { fiscalYear: 2566 },
      { projectCode: 'P1' },
    ]) {
      expect(lineIdentityKey(base)).not.toBe(lineIdentityKey({ ...base, ...other }));
    }
  });
});

describe('resolveLine', () => {
  const index = indexLines(LINES);
  it.each<[string, LineQuery, string]>([
    ['by columns', { ...regular, project: 'งานบริหาร ทั่วไป', expenseCategory: 'operating' }, 'a'],
    [
      'by expense item',
      { ...regular, project: 'งานบริหารทั่วไป', expenseCategory: 'capital', expenseItem: 'ค่าครุภัณฑ์' },
      'b',
    ],
    ['by line code', { ...regular, lineCode: 'L-1' }, 'd'],
    ['by line code and agreeing columns', { ...regular, lineCode: 'L-1', projectCode: 'P9' }, 'd'],
    ['by project code', { ...regular, projectCode: 'P9', expenseCategory: 'operating' }, 'd'],
    ['by project name of a coded project', { ...regular, project: 'โครงการอื่น' }, 'd'],
    [
      'by fund source',
      { fundSource: 'supplementary', project: 'งานบริหารทั่วไป', expenseCategory: 'operating' },
      'e',
    ],
  ])('%s', (_, q, id) => {
    expect(resolveLine(index, q)).toEqual({ line: LINES.find((l) => l.id === id) });
    expect(resolveLine(LINES, q)).toEqual({ line: LINES.find((l) => l.id === id) });
  });

  it.each<[string, LineQuery, string]>([
    [
      'several lines',
      { ...regular, project: 'งานบริหารทั่วไป', expenseCategory: 'capital' },
      '2 budget lines match project "งานบริหารทั่วไป", expense_category capital, fund_source regular; give line_code or expense_item',
    ],
    [
      'no line',
      { fundSource: 'government_grant', project: 'งานบริหารทั่วไป', expenseCategory: 'operating' },
      'no budget line matches project "งานบริหารทั่วไป", expense_category operating, fund_source government_grant',
    ],
    [
      'an unknown item',
      { ...regular, projectCode: 'P9', expenseCategory: 'operating', expenseItem: 'ค่าจ้าง' },
      'no budget line matches project_code P9, expense_category operating, fund_source regular, expense_item "ค่าจ้าง"',
    ],
    ['an unknown line code', { ...regular, lineCode: 'L-2' }, 'no budget line has line_code L-2'],
    [
      'a line code contradicting the category',
      { ...regular, lineCode: 'L-1', expenseCategory: 'capital' },
      'line_code L-1 is in expense_category operating, not capital',
    ],
    [
      'a line code contradicting the project code',
      { ...regular, lineCode: 'L-1', projectCode: 'P8' },
      'line_code L-1 has P9, not project_code P8',
    ],
    [
      'a project code of no line',
      { ...regular, projectCode: 'P0' },
      'no budget line matches project_code P0, fund_source regular',
    ],
  ])('fails closed on %s', (_, q, error) => {
    expect(resolveLine(index, q)).toEqual({ error });
    expect(resolveLine(LINES, q)).toEqual({ error });
  });

  it('reports a line code given to two lines', () => {
    const twice = [ref('x', { lineCode: 'Z' }), ref('y', { lineCode: 'Z' })];
    const want = { error: '2 budget lines have line_code Z' };
    expect(resolveLine(indexLines(twice), { ...regular, lineCode: 'Z' })).toEqual(want);
    expect(resolveLine(twice, { ...regular, lineCode: 'Z' })).toEqual(want);
  });

  const lineArb = fc.record({
    p: fc.constantFrom('ก', 'ข', 'ค ค'),
    pc: fc.constantFrom(null, 'P1', 'P2'),
    code: fc.constantFrom(null, 'C1', 'C2', 'C3'),
    c: fc.constantFrom('operating' as const, 'capital' as const),
    f: fc.constantFrom('regular' as const, 'supplementary' as const),
    i: fc.constantFrom('', 'x', 'y'),
  });
  const queryArb = fc.record(
    {
      lineCode: fc.constantFrom('', 'C1', 'C2'),
      projectCode: fc.constantFrom('', 'P1', 'P2'),
      project: fc.constantFrom('ก', 'ข', 'คค', ''),
      expenseCategory: fc.constantFrom('operating' as const, 'capital' as const),
      fundSource: fc.constantFrom('regular' as const, 'supplementary' as const),
      expenseItem: fc.constantFrom('', 'x', 'y'),
    },
    { requiredKeys: ['fundSource'] },
  );

  it('over the index equals a brute-force filter of every line', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 15 }), queryArb, (ls, q) => {
        const lines = ls.map((l, n) =>
          ref(String(n), {
            projectKey: nameKey(l.p),
            projectCode: l.pc,
            lineCode: l.code,
            expenseCategory: l.c,
            fundSource: l.f,
            expenseItemKey: l.i,
          }),
        );
        const brute = q.lineCode
          ? lines.filter((l) => l.lineCode === q.lineCode)
          : lines.filter(
              (l) =>
                (q.projectCode
                  ? l.projectCode === q.projectCode
                  : l.projectKey === nameKey(q.project ?? '')) &&
                (!q.expenseCategory || l.expenseCategory === q.expenseCategory) &&
                l.fundSource === q.fundSource &&
                (!q.expenseItem || l.expenseItemKey === q.expenseItem),
            );
        const got = resolveLine(indexLines(lines), q);
        expect(got).toEqual(resolveLine(lines, q));
        if (brute.length !== 1) expect(got).toHaveProperty('error');
        else if (!q.lineCode) expect(got).toEqual({ line: brute[0] });
        else if ('line' in got) expect(got.line).toBe(brute[0]);
      }),
    );
  });

  it('resolves many rows against many lines through the index', () => {
    const lines = Array.from({ length: 10_000 }, (_, n) =>
      ref(`l${n}`, { projectKey: `p${n % 2_000}`, expenseItemKey: `i${n}` }),
    );
    const idx = indexLines(lines);
    for (let n = 0; n < 20_000; n++) {
      const k = (n * 7919) % 10_000;
      const got = resolveLine(idx, {
        ...regular,
        project: `p${k % 2_000}`,
        expenseCategory: 'operating',
        expenseItem: `i${k}`,
      });
      if (!('line' in got) || got.line.id !== `l${k}`)
        throw new Error(`row ${n}: ${JSON.stringify(got)}`);
    }
  });
});
