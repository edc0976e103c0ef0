import { AppError } from '@pbis/core';
import { serverModules } from '../index.js';
import type { ImportKind } from './pipeline.js';

/*
 * The file kinds this version imports and exports: those the modules declare (module.ts). A kind
 * of SPEC §3 arrives with the module that owns its data; until then it is an unknown kind.
 * Built on first use: modules/index.ts imports the routes that import this file.
 */
let byName: ReadonlyMap<string, ImportKind<never>> | undefined;

function kinds(): ReadonlyMap<string, ImportKind<never>> {
  byName ??= new Map(serverModules.flatMap((m) => m.importKinds ?? []).map((k) => [k.kind, k]));
  return byName;
}

/** The names of the kinds available, in module order. */
export const importKindNames = (): string[] => [...kinds().keys()];

export const isImportKind = (name: string): boolean => kinds().has(name);

export const unknownKindMessage = (name: string) =>
  `unknown kind "${name}"; this version imports and exports ${importKindNames().join(', ')}`;

export function importKind(name: string): ImportKind<never> {
  const kind = kinds().get(name);
  if (!kind)
    throw new AppError('not_found', unknownKindMessage(name), {
      reason: 'unknown_import_kind',
      kind: name,
    });
  return kind;
}
