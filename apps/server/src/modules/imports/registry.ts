import { AppError } from '@pbis/core';
import type { ImportKind } from './pipeline.js';
import { unitsImport } from './kinds/units.js';

/** Every file kind of SPEC §3, in one place. A kind arrives with the module that owns its data. */
export const IMPORT_KINDS = [
  'units',
  'plans',
  'indicators',
  'budget-lines',
  'transfers',
  'obligations',
  'disbursements',
  'results',
] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

const available: Partial<Record<ImportKindName, ImportKind<never>>> = {
  units: unitsImport as ImportKind<never>,
};

const arrivesWith: Record<ImportKindName, string> = {
  units: 'organisation',
  plans: 'plans and indicators',
  indicators: 'plans and indicators',
  results: 'plans and indicators',
  'budget-lines': 'budget execution',
  transfers: 'budget execution',
  obligations: 'budget execution',
  disbursements: 'budget execution',
};

export function isImportKind(name: string): name is ImportKindName {
  return (IMPORT_KINDS as readonly string[]).includes(name);
}

export function importKind(name: string): ImportKind<never> {
  if (!isImportKind(name))
    throw new AppError('validation', `unknown kind "${name}"; one of ${IMPORT_KINDS.join(', ')}`);
  const kind = available[name];
  if (!kind)
    throw new AppError(
      'business_rule',
      `the ${name} file kind is not available in this version yet (it arrives with ${arrivesWith[name]})`,
    );
  return kind;
}
