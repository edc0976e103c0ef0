import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { PeriodsIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** Fiscal years and period locks: create a year, lock or unlock it or one of its months (admin). */
const periods: WebModule = {
  id: 'periods',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/periods',
      component: lazyRouteComponent(() => import('./periods-page'), 'PeriodsPage'),
    }),
  ],
  nav: [
    { to: '/periods', labelKey: 'periods:nav', icon: PeriodsIcon, roles: ['admin'], order: 40 },
  ],
};

export default periods;
