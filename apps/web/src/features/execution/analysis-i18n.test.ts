import { describe, expect, it } from 'vitest';
import { homeCardsFor } from '../../app/modules';
import en from './i18n/analysis.en.json';
import th from './i18n/analysis.th.json';
import { fiscalMonthEndIso } from './analysis-api';
import { withAnalysisMessages } from './analysis-i18n';

const THAI = /[\u0E00-\u0E7F]/;
/** The sources of this folder's components, as text. */
const SOURCES = import.meta.glob<string>('./*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every leaf key of a nested message object, dotted. */
const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const valueAt = (o: object, key: string): unknown =>
  key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);

describe('the words of the execution analysis', () => {
  it('Thai and English have the same keys, and every Thai text is Thai', () => {
    expect(keys(en).sort()).toEqual(keys(th).sort());
    for (const k of keys(th)) expect(String(valueAt(th, k)), k).toMatch(THAI);
  });

  it('every analysis key the components use exists in both languages', () => {
    const used = new Set<string>();
    for (const src of Object.values(SOURCES)) {
      for (const m of src.matchAll(/t\(\s*'analysis\.([A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const k of used) {
      expect(valueAt(th, k), `th ${k}`).toBeTypeOf('string');
      expect(valueAt(en, k), `en ${k}`).toBeTypeOf('string');
    }
  });

  it('joins the module’s messages under "analysis", its error reasons under errors.reasons', () => {
    const m = withAnalysisMessages({
      th: { nav: 'x', errors: { reasons: { a: 'ก' } } },
      en: { nav: 'x' },
    });
    expect((m.th.analysis as { sectionTitle: string }).sectionTitle).toBe(th.sectionTitle);
    expect(m.th.errors).toEqual({
      reasons: { a: 'ก', alert_rule_id_taken: th.errors.reasons.alert_rule_id_taken },
    });
    expect((m.en.errors as { reasons: object }).reasons).toHaveProperty('alert_rule_id_taken');
  });
});

describe('fiscalMonthEndIso', () => {
  it.each<[number, number, string]>([
    [2565, 1, '2021-10-31'],
    [2565, 2, '2021-11-30'],
    [2565, 3, '2021-12-31'],
    [2565, 5, '2022-02-28'],
    [2567, 5, '2024-02-29'],
    [2565, 12, '2022-09-30'],
  ])('FY%i month %i ends %s', (fy, m, iso) => {
    expect(fiscalMonthEndIso(fy, m)).toBe(iso);
  });
});

describe('home cards of the execution analysis', () => {
  it.each<[Parameters<typeof homeCardsFor>[0], string[]]>([
    ['budget_office', ['execution-laggard-alerts', 'execution-forecast-misses']],
    ['executive', ['execution-laggard-alerts', 'execution-forecast-misses']],
    ['budget_analyst', ['execution-laggard-alerts', 'execution-forecast-misses']],
    ['unit_officer', ['execution-unit-money']],
  ])('%s sees %j', (role, ids) => {
    const got = homeCardsFor(role)
      .map((c) => c.id)
      .filter((id) => id.startsWith('execution-'));
    expect(got).toEqual(ids);
  });
});
