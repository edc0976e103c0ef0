import type { Role } from '@pbis/contract';
import type { HomeCard, NavEntry, WebModule } from './module';
import home from '../features/home/module';
import organization from '../features/organization/module';
import units from '../features/units/module';
import execution from '../features/execution/module';
import transfers from '../features/execution/transfers-module';
import budgetVsActual from '../features/execution/bva-module';
import imports from '../features/imports/module';
import plans from '../features/plans/module';
import yearEnd from '../features/execution/year-end-module';
import users from '../features/users/module';
import periods from '../features/periods/module';
import audit from '../features/audit/module';
import auth from '../features/auth/module';

/** Every feature of the web app, one line each: the router, navigation, home page and i18n read it. */
export const MODULES: readonly WebModule[] = [
  home,
  organization,
  units,
  execution,
  transfers,
  budgetVsActual,
  imports,
  plans,
  yearEnd,
  users,
  periods,
  audit,
  auth,
];

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

/** The navigation a role sees, in order. */
export function navFor(role: Role, modules: readonly WebModule[] = MODULES): NavEntry[] {
  return modules
    .flatMap((m) => m.nav ?? [])
    .filter((n) => n.roles.includes(role))
    .sort(byOrder);
}

/** The home page cards a role sees, in order. */
export function homeCardsFor(role: Role, modules: readonly WebModule[] = MODULES): HomeCard[] {
  return modules
    .flatMap((m) => m.homeCards ?? [])
    .filter((c) => c.roles.includes(role))
    .sort(byOrder);
}

/**
 * The nav entry a path belongs to (the entry itself or a page under it), so the layout can refuse
 * a role the entry is not for. '/' belongs only to itself.
 */
export function navEntryOf(
  pathname: string,
  modules: readonly WebModule[] = MODULES,
): NavEntry | undefined {
  const entries = modules.flatMap((m) => m.nav ?? []);
  return entries
    .filter((n) => pathname === n.to || (n.to !== '/' && pathname.startsWith(`${n.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0];
}
