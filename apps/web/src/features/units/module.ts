import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { ROLES } from '@pbis/core';
import { UnitsIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';
import { validateUnitSearch } from './unit-search';

/** Receiving units: the list every role may read in its scope; admin and budget office edit. */
const units: WebModule = {
  id: 'units',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/units',
      validateSearch: validateUnitSearch,
      component: lazyRouteComponent(() => import('./units-page'), 'UnitsPage'),
    }),
  ],
  nav: [{ to: '/units', labelKey: 'units:nav', icon: UnitsIcon, roles: ROLES, order: 20 }],
};

export default units;
