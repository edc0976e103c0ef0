import { describe, expect, it } from 'vitest';
import { BREAKDOWN_REASONS } from '@pbis/contract';
import { CARRY_OVER_KINDS, EXPENSE_CATEGORIES, FUND_SOURCES } from '@pbis/core';
import en from './i18n/breakdown.en.json';
import th from './i18n/breakdown.th.json';
import execution from './module';
import { reasonKey, withBreakdownMessages } from './breakdown-i18n';
import source from './money-breakdown.tsx?raw';

const THAI = /[\u0E00-\u0E7F]/;
const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const valueAt = (o: object, key: string): unknown =>
  key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);

describe('the words of the money indicators’ breakdown', () => {
  it('Thai and English have the same keys, and every Thai text is Thai', () => {
    expect(keys(en).sort()).toEqual(keys(th).sort());
    for (const k of keys(th)) expect(String(valueAt(th, k)), k).toMatch(THAI);
  });

  it('every reason code the API gives has Thai and English words', () => {
    expect(BREAKDOWN_REASONS.length).toBeGreaterThanOrEqual(13);
    for (const r of BREAKDOWN_REASONS) {
      const key = reasonKey(r).replace('execution:breakdown.', '');
      expect(valueAt(th, key), `th ${r}`).toMatch(THAI);
      expect(valueAt(en, key), `en ${r}`).toBeTypeOf('string');
    }
    expect(reasonKey('exempt:multi_year')).toBe('execution:breakdown.reasons.exempt_multi_year');
    expect(valueAt(th, 'reasons.personnel')).toBe('งบบุคลากร ไม่นับรวม');
  });

  it('has words for every expense category, fund source and carry-over kind', () => {
    for (const [group, codes] of [
      ['categories', EXPENSE_CATEGORIES],
      ['funds', FUND_SOURCES],
      ['kinds', CARRY_OVER_KINDS],
    ] as const)
      for (const c of codes) {
        expect(valueAt(th, `${group}.${c}`), `th ${group}.${c}`).toMatch(THAI);
        expect(valueAt(en, `${group}.${c}`), `en ${group}.${c}`).toBeTypeOf('string');
      }
  });

  it('every fixed key the component uses exists in both languages', () => {
    const used = [...source.matchAll(/k\('([A-Za-z0-9_.]+)'\)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(15);
    for (const key of used) {
      expect(valueAt(th, key), `th ${key}`).toBeTypeOf('string');
      expect(valueAt(en, key), `en ${key}`).toBeTypeOf('string');
    }
  });

  it('joins the execution module’s messages under "breakdown"', () => {
    const m = withBreakdownMessages({ th: { nav: 'ก' }, en: { nav: 'x' } });
    expect(m.th).toEqual({ nav: 'ก', breakdown: th });
    expect((execution.messages.th as { breakdown: typeof th }).breakdown).toBe(th);
    expect((execution.messages.en as { breakdown: typeof en }).breakdown).toBe(en);
    // The analysis words stay where they were.
    expect(execution.messages.th).toHaveProperty('analysis.sectionTitle');
  });
});
