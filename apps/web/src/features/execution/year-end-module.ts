import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { ExecutionIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/year-end.en.json';
import th from './i18n/year-end.th.json';

/** The fiscal year's end: the lapse preview, carry-over requests, closing and carried lines. */
const yearEnd: WebModule = {
  id: 'yearEnd',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/execution/year-end',
      component: lazyRouteComponent(() => import('./year-end-page'), 'YearEndPage'),
    }),
  ],
  nav: [
    {
      to: '/execution/year-end',
      labelKey: 'yearEnd:nav',
      icon: ExecutionIcon,
      roles: ['admin', 'budget_office', 'budget_analyst', 'unit_officer', 'executive'],
      order: 26,
    },
  ],
};

export default yearEnd;
