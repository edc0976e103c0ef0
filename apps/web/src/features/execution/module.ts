import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { ExecutionIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** Budget execution: budget vs actual, the S-curve and the two money indicators. */
const execution: WebModule = {
  id: 'execution',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/execution',
      component: lazyRouteComponent(() => import('./execution-page'), 'ExecutionPage'),
    }),
  ],
  nav: [
    {
      to: '/execution',
      labelKey: 'execution:nav',
      icon: ExecutionIcon,
      roles: ['admin', 'budget_office', 'budget_analyst', 'unit_officer', 'executive'],
      order: 25,
    },
  ],
};

export default execution;
