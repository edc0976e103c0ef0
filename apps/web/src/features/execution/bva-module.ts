import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { ExecutionIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/bva-en.json';
import th from './i18n/bva-th.json';

/** Budget vs actual at every level, with the documents of a line and the report files. */
const budgetVsActual: WebModule = {
  id: 'bva',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/execution/budget-vs-actual',
      component: lazyRouteComponent(() => import('./budget-vs-actual-page'), 'BudgetVsActualPage'),
    }),
  ],
  nav: [
    {
      to: '/execution/budget-vs-actual',
      labelKey: 'bva:nav',
      icon: ExecutionIcon,
      roles: ['admin', 'budget_office', 'budget_analyst', 'unit_officer', 'executive'],
      order: 26,
    },
  ],
};

export default budgetVsActual;
