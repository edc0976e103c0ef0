/// <reference types="node" />
// The test reads the server's sources; the contract itself uses no Node API.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_ERROR_STATUS } from '@pbis/core';
import {
  ERROR_CODES,
  ERROR_REASONS,
  errorBodySchema,
  fieldDetails,
  importSummarySchema,
  isoDateTime,
  nameText,
  organizationOverviewSchema,
  periodLocksSchema,
  sessionSchema,
  unitInputSchema,
  unitListQuery,
  unitPatchBody,
  userInputSchema,
  userListQuery,
  userListSchema,
  USERNAME_PATTERN,
  UNIT_CODE_PATTERN,
} from './index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every non-test TypeScript source under a folder. */
function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') out.push(...sources(full));
    } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      out.push({ file: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  }
  return out;
}

const serverSources = [
  ...sources(path.join(root, 'apps/server/src')),
  ...sources(path.join(root, 'packages/core/src')),
  // A module's contract may write its own reasons (a custom check's `params: { reason }`); the
  // list itself (constants.ts) is what is checked, not a source.
  ...sources(path.join(root, 'packages/contract/src')).filter(
    (s) => !s.file.endsWith('constants.ts'),
  ),
];

/** The machine-readable reasons a source writes: `reason: 'x'` and `fieldDetails('path', 'x'`. */
function reasonsWritten(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\breason: '([a-z][a-z0-9_]*)'/g)) found.push(m[1]!);
  for (const m of text.matchAll(/fieldDetails\(\s*'[^']*',\s*'([a-z][a-z0-9_]*)'/g))
    found.push(m[1]!);
  return found;
}

describe('the error list', () => {
  it('has every AppError code of @pbis/core, once', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(APP_ERROR_STATUS).sort());
  });

  it('has no reason twice, and every reason is snake_case', () => {
    expect(new Set(ERROR_REASONS).size).toBe(ERROR_REASONS.length);
    for (const r of ERROR_REASONS) expect(r).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('holds every reason the server writes', () => {
    const written = serverSources.flatMap(({ file, text }) =>
      reasonsWritten(text).map((reason) => ({ file, reason })),
    );
    // the sources are really read: the server writes dozens of reasons
    expect(written.length).toBeGreaterThan(40);
    const unlisted = written.filter(
      ({ reason }) => !(ERROR_REASONS as readonly string[]).includes(reason),
    );
    expect(unlisted).toEqual([]);
  });

  it('lists no reason that the server never writes', () => {
    const all = serverSources.map((s) => s.text).join('\n');
    const policy = fs.readFileSync(path.join(root, 'packages/core/src/password-policy.ts'), 'utf8');
    const unused = ERROR_REASONS.filter((reason) => {
      // `password_${problem}`: one per problem of core's password policy
      const problem = /^password_(.+)$/.exec(reason)?.[1];
      if (problem && reason !== 'password_change_required') return !policy.includes(`'${problem}'`);
      return !all.includes(`'${reason}'`);
    });
    expect(unused).toEqual([]);
  });

  it('parses an error answer with a reason and field errors', () => {
    const body = {
      error: {
        code: 'conflict',
        message: 'unit code 1004 already exists',
        details: fieldDetails('code', 'unit_code_taken', { code: '1004' }),
      },
    };
    expect(errorBodySchema.parse(body).error.details).toEqual({
      reason: 'unit_code_taken',
      code: '1004',
      fields: [{ path: 'code', reason: 'unit_code_taken', params: { code: '1004' } }],
    });
    const unknown = { error: { code: 'conflict', message: 'm', details: { reason: 'nope' } } };
    expect(errorBodySchema.safeParse(unknown).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: 'teapot', message: 'm' } }).success).toBe(
      false,
    );
  });
});

describe('timestamps cross as ISO strings', () => {
  it('encodes a Date for the wire and decodes the string back', () => {
    const at = new Date('2026-12-02T03:04:05.678Z');
    expect(z.encode(isoDateTime, at)).toBe('2026-12-02T03:04:05.678Z');
    expect(z.decode(isoDateTime, '2026-12-02T10:04:05.678+07:00').getTime()).toBe(at.getTime());
    expect(isoDateTime.safeParse('2 December 2026').success).toBe(false);
  });
});

const me = {
  id: '0b8f0d8e-1a57-4a3c-9d2e-6f8a9b0c1d2e',
  username: 'admin',
  displayName: 'ผู้ดูแลระบบ',
  role: 'admin',
  unitId: null,
  unitCode: null,
  unitNameTh: null,
  unitNameEn: null,
  analysisDivisionNo: null,
  mustChangePassword: false,
};

describe('samples of the wire parse', () => {
  it('a session', () => {
    expect(sessionSchema.parse({ user: me, csrfToken: 'abc' }).user.username).toBe('admin');
    expect(sessionSchema.safeParse({ user: { ...me, role: 'root' }, csrfToken: 'a' }).success).toBe(
      false,
    );
  });

  it('a page of users, with Dates in the server and strings on the wire', () => {
    const { unitNameEn: _omit, ...user } = me;
    const wire = {
      items: [
        {
          ...user,
          analysisDivisionId: null,
          active: true,
          lastLoginAt: '2026-12-01T02:00:00.000Z',
          lockedUntil: null,
          createdAt: '2026-10-01T00:00:00.000Z',
          version: 3,
        },
      ],
      total: 1,
    };
    const parsed = userListSchema.parse(wire);
    expect(parsed.items[0]!.createdAt).toBeInstanceOf(Date);
    expect(z.encode(userListSchema, parsed)).toEqual(wire);
  });

  it('the organisation overview', () => {
    const unit = {
      id: 'u1',
      code: '1004',
      nameTh: 'สำนักงานเขตพญาไท',
      nameEn: 'Phaya Thai District Office',
      kind: 'district_office',
      analysisDivisionId: 'd3',
      analysisDivisionNo: 3,
      active: true,
      version: 1,
    };
    const overview = {
      organization: { id: 'o', code: 'BMA', nameTh: 'กรุงเทพมหานคร', nameEn: 'BMA' },
      divisions: [
        {
          id: 'd3',
          code: 'AD3',
          nameTh: 'กองวิเคราะห์งบประมาณ 3',
          nameEn: 'Analysis 3',
          kind: 'analysis',
          analysisNo: 3,
          units: [unit],
        },
      ],
      unassignedUnits: [],
    };
    expect(organizationOverviewSchema.parse(overview)).toEqual(overview);
    expect(
      organizationOverviewSchema.safeParse({
        ...overview,
        unassignedUnits: [{ ...unit, kind: 'x' }],
      }).success,
    ).toBe(false);
  });

  it('period locks', () => {
    const locks = {
      fiscalYear: 2570,
      yearLocked: false,
      yearChangedBy: null,
      yearChangedAt: null,
      months: [
        {
          month: 1,
          abbrTh: 'ต.ค.',
          abbrEn: 'Oct',
          locked: true,
          effectiveLocked: true,
          changedBy: 'admin',
          changedAt: '2026-11-01T01:00:00.000Z',
        },
      ],
    };
    expect(periodLocksSchema.parse(locks).months[0]!.changedAt).toEqual(
      new Date('2026-11-01T01:00:00.000Z'),
    );
  });

  it('an import summary in camelCase', () => {
    const summary = {
      kind: 'units',
      file: 'units.csv',
      rows: 2,
      totalBaht: '0.00',
      dryRun: false,
      alreadyImported: false,
      fileHash: 'ab'.repeat(32),
      format: 'csv',
      encoding: 'utf-8',
      created: 2,
      updated: 0,
      unchanged: 0,
      warnings: [],
    };
    expect(importSummarySchema.parse(summary)).toEqual(summary);
    expect(importSummarySchema.safeParse({ ...summary, totalBaht: '11,079,500' }).success).toBe(
      false,
    );
    const { totalBaht: _t, ...rest } = summary;
    expect(importSummarySchema.safeParse({ ...rest, total_baht: '0.00' }).success).toBe(false);
  });
});

describe('requests', () => {
  it('a unit: code pattern, Thai name cleaned, defaults filled', () => {
    const unit = unitInputSchema.parse({
      code: ' 1004 ',
      nameTh: 'สำนักงานเขต\u200bพญาไท',
      kind: 'district_office',
    });
    expect(unit).toEqual({
      code: '1004',
      nameTh: 'สำนักงานเขตพญาไท',
      nameEn: '',
      kind: 'district_office',
      analysisDivisionNo: null,
      active: true,
    });
    expect(unitInputSchema.safeParse({ ...unit, code: '10 04' }).success).toBe(false);
    expect(UNIT_CODE_PATTERN.test('A.1-2_3')).toBe(true);
    expect(unitPatchBody.safeParse({ nameTh: 'x' }).success).toBe(false); // no version
  });

  it('a name with a control character fails with that reason', () => {
    const r = nameText(200).safeParse('a\u0000b');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({
      code: 'custom',
      params: { reason: 'control_character' },
    });
    expect(nameText(200).safeParse('\u200b').success).toBe(false); // empty once cleaned
  });

  it('a user: username pattern and length', () => {
    expect(userInputSchema.parse({ username: 'off.1004', role: 'unit_officer' })).toMatchObject({
      username: 'off.1004',
      displayName: '',
    });
    for (const username of ['ab', 'has space', 'a'.repeat(65), 'ชื่อไทย'])
      expect(userInputSchema.safeParse({ username, role: 'admin' }).success).toBe(false);
    expect(USERNAME_PATTERN.test('first.last@bma')).toBe(true);
  });

  it('query strings: booleans, paging and the status filter', () => {
    expect(unitListQuery.parse({ includeInactive: '1' })).toEqual({
      includeInactive: true,
      sort: 'nameTh',
      order: 'asc',
    });
    expect(userListQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(userListQuery.parse({ status: 'locked', limit: '200', offset: '400' })).toEqual({
      status: 'locked',
      limit: 200,
      offset: 400,
    });
    expect(userListQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(userListQuery.safeParse({ status: 'sleeping' }).success).toBe(false);
  });
});
