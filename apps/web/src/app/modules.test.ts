import { describe, expect, it } from 'vitest';
import { ROLES } from '@pbis/core';
import th from '../i18n/th.json';
import type { WebModule } from './module';
import { homeCardsFor, MODULES, navEntryOf, navFor } from './modules';

const icon = () => null;
const card = { $$typeof: Symbol.for('react.lazy') } as never;
const fake: WebModule[] = [
  {
    id: 'b',
    messages: { th: {}, en: {} },
    routes: () => [],
    nav: [{ to: '/b', labelKey: 'b:nav', icon, roles: ['admin'], order: 20 }],
    homeCards: [{ id: 'b1', roles: ['admin', 'executive'], order: 5, component: card }],
  },
  {
    id: 'a',
    messages: { th: {}, en: {} },
    routes: () => [],
    nav: [
      { to: '/', labelKey: 'a:home', icon, roles: ROLES, order: 0 },
      { to: '/a', labelKey: 'a:nav', icon, roles: ROLES, order: 10 },
    ],
    homeCards: [{ id: 'a1', roles: ROLES, order: 1, component: card }],
  },
];

describe('the registry', () => {
  it('builds the navigation per role, in order', () => {
    expect(navFor('admin', fake).map((n) => n.to)).toEqual(['/', '/a', '/b']);
    expect(navFor('unit_officer', fake).map((n) => n.to)).toEqual(['/', '/a']);
  });

  it('gives each role its home cards, in order', () => {
    expect(homeCardsFor('executive', fake).map((c) => c.id)).toEqual(['a1', 'b1']);
    expect(homeCardsFor('budget_analyst', fake).map((c) => c.id)).toEqual(['a1']);
  });

  it('finds the nav entry a path belongs to (its pages too), and "/" only for itself', () => {
    expect(navEntryOf('/b', fake)?.to).toBe('/b');
    expect(navEntryOf('/b/123', fake)?.to).toBe('/b');
    expect(navEntryOf('/', fake)?.to).toBe('/');
    expect(navEntryOf('/bee', fake)).toBeUndefined();
  });

  it('every module has its own id, both languages, and nav labels in its own namespace', () => {
    const ids = MODULES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('translation');
    for (const m of MODULES) {
      expect(Object.keys(m.messages.th).sort()).toEqual(Object.keys(m.messages.en).sort());
      for (const n of m.nav ?? []) {
        const [ns, key] = n.labelKey.split(':');
        expect(ns).toBe(m.id);
        expect((m.messages.th as Record<string, unknown>)[key!], n.labelKey).toBeTruthy();
      }
    }
    // the shared strings keep no module's sections
    for (const id of ids) expect(Object.keys(th)).not.toContain(id);
  });
});
