import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import type { Audience } from '@pbis/core';
import type { Client, TestContext } from './harness.js';

/*
 * What the suite-wide tests need to know of a module, kept in the module's own folder:
 * `apps/server/src/modules/<name>/test-support.ts` exports any of
 *
 *   export const access: ModuleAccess = { 'GET /api/v1/notes': [...ROLES] };   // access-matrix
 *   export const responses: ModuleResponses = { 'GET /api/v1/notes': { … } };  // contract-responses
 *
 * and the suite-wide tests read every such file, so adding a module edits none of them.
 */

/** Who may call each of the module's routes — the expectation written out, not read from them. */
export type ModuleAccess = Record<string, Audience[]>;

/** How to get one route's 200/201 answer, and the contract schema it must match exactly. */
export interface ResponseCall {
  schema: z.ZodType;
  status: 200 | 201;
  /** Called with a signed-in admin; a route for other roles signs its own user in. */
  call(admin: Client, t: TestContext): Promise<LightMyRequestResponse>;
}
export type ModuleResponses = Record<string, ResponseCall>;

export interface ModuleTestSupport {
  module: string;
  access?: ModuleAccess;
  responses?: ModuleResponses;
}

const modulesDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../modules');

/** Every module's test-support.ts, by module folder name. */
export async function moduleTestSupport(): Promise<ModuleTestSupport[]> {
  const found: ModuleTestSupport[] = [];
  for (const name of fs.readdirSync(modulesDir).sort()) {
    const file = path.join(modulesDir, name, 'test-support.ts');
    if (!fs.existsSync(file)) continue;
    const m = (await import(file)) as Omit<ModuleTestSupport, 'module'>;
    found.push({ module: name, ...m });
  }
  return found;
}

/** The suite's own table merged with the modules': a route named twice is an error. */
export function mergeByRoute<T>(
  own: Record<string, T>,
  modules: readonly ModuleTestSupport[],
  pick: (m: ModuleTestSupport) => Record<string, T> | undefined,
): Record<string, T> {
  const all = { ...own };
  for (const m of modules)
    for (const [route, value] of Object.entries(pick(m) ?? {})) {
      if (route in all) throw new Error(`${m.module}/test-support.ts names ${route} again`);
      all[route] = value;
    }
  return all;
}
