import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The layers are held by lint (eslint.config.js): these snippets break them on purpose and the
 * real configuration must say so, with the layer rule and not some other one.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const RULE = '@typescript-eslint/no-restricted-imports';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function layerErrors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('layers held by lint', () => {
  it('a route importing drizzle-orm is an error', async () => {
    const errors = await layerErrors(
      "import { sql } from 'drizzle-orm';\nexport const q = sql`select 1`;\n",
      'apps/server/src/modules/system/routes.ts',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/repositor/);
  });

  it('a service importing the schema (relative path) or a drizzle subpath is an error', async () => {
    const errors = await layerErrors(
      "import { appUser } from '../../db/schema.js';\nimport { pgTable } from 'drizzle-orm/pg-core';\nexport const t = [appUser, pgTable];\n",
      'apps/server/src/modules/users/service.ts',
    );
    expect(errors).toHaveLength(2);
  });

  it('a repository, db/ and write.ts may import drizzle-orm and the schema', async () => {
    const code =
      "import { eq } from 'drizzle-orm';\nimport { appUser } from '../../db/schema.js';\nexport const c = eq(appUser.id, 'x');\n";
    expect(await layerErrors(code, 'apps/server/src/modules/users/repository.ts')).toEqual([]);
    expect(await layerErrors(code, 'apps/server/src/modules/plans/repository.ts')).toEqual([]);
    expect(await layerErrors(code, 'apps/server/src/db/scoped.ts')).toEqual([]);
  });

  it('a module keeps its tables in its own schema.ts, which only its repository imports', async () => {
    const table =
      "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { receivingUnit } from '../../db/schema.js';\nexport const note = pgTable('note', { unitId: uuid('unit_id').references(() => receivingUnit.id) });\n";
    expect(await layerErrors(table, 'apps/server/src/modules/notes/schema.ts')).toEqual([]);
    const use = "import { note } from './schema.js';\nexport const t = note;\n";
    expect(await layerErrors(use, 'apps/server/src/modules/notes/repository.ts')).toEqual([]);
    expect(await layerErrors(use, 'apps/server/src/modules/notes/service.ts')).toHaveLength(1);
    expect(await layerErrors(use, 'apps/server/src/modules/notes/routes.ts')).toHaveLength(1);
    const other = "import { note } from '../notes/schema.js';\nexport const t = note;\n";
    expect(await layerErrors(other, 'apps/server/src/modules/plans/service.ts')).toHaveLength(1);
  });

  it('core importing node:fs (or pg, or fastify) is an error', async () => {
    const errors = await layerErrors(
      "import fs from 'node:fs';\nimport pg from 'pg';\nimport Fastify from 'fastify';\nexport const x = [fs, pg, Fastify];\n",
      'packages/core/src/anything.ts',
    );
    expect(errors).toHaveLength(3);
  });

  it('core may import zod and its own files', async () => {
    const errors = await layerErrors(
      "import { z } from 'zod';\nimport { ROLES } from './roles.js';\nexport const r = z.enum(ROLES);\n",
      'packages/core/src/anything.ts',
    );
    expect(errors).toEqual([]);
  });

  it('web importing a server path or node:* is an error', async () => {
    for (const from of [
      '@pbis/server',
      '../../../server/src/modules/auth/service.js',
      '../../../../apps/server/src/db/schema.js',
      'node:path',
    ]) {
      const errors = await layerErrors(
        `import * as x from '${from}';\nexport const y = x;\n`,
        'apps/web/src/features/units/anything.ts',
      );
      expect(errors, from).toHaveLength(1);
    }
  });

  it('web may import the contract and core', async () => {
    const errors = await layerErrors(
      "import * as c from '@pbis/contract';\nimport * as k from '@pbis/core';\nexport const y = [c, k];\n",
      'apps/web/src/features/units/anything.ts',
    );
    expect(errors).toEqual([]);
  });
});
