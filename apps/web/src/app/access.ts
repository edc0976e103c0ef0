import type { Role } from './types';

/** The pages of the app and the roles that may open them (the server enforces the same rules). */
export type Feature = 'organization' | 'units' | 'users' | 'periods' | 'audit' | 'account';

const ALL: readonly Role[] = [
  'admin',
  'budget_analyst',
  'budget_office',
  'unit_officer',
  'executive',
];

export const FEATURE_ROLES: Record<Feature, readonly Role[]> = {
  organization: ALL,
  units: ALL,
  users: ['admin'],
  periods: ['admin'],
  audit: ['admin', 'budget_office'],
  account: ALL,
};

export const canUse = (role: Role, feature: Feature): boolean =>
  FEATURE_ROLES[feature].includes(role);

/** Who may create and edit receiving units. */
export const canEditUnits = (role: Role): boolean => role === 'admin' || role === 'budget_office';
