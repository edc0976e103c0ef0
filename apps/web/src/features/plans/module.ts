import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { lineIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';
import { validatePlanSearch } from './plan-view';

const PlansIcon = lineIcon('M4 4h6v6H4zM14 7h6M7 10v4h7M14 14h6v6h-6zM4 20h6');

/** Plans, indicators, results and work plans: the cascade tree, indicator and work-plan pages. */
const plans: WebModule = {
  id: 'plans',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/plans',
      validateSearch: validatePlanSearch,
      component: lazyRouteComponent(() => import('./tree-page'), 'PlanTreePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/indicators/$id',
      component: lazyRouteComponent(() => import('./indicator-page'), 'IndicatorPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/plans/work-plans/$id',
      validateSearch: validatePlanSearch,
      component: lazyRouteComponent(() => import('./work-plan-page'), 'WorkPlanPage'),
    }),
  ],
  nav: [
    {
      to: '/plans',
      labelKey: 'plans:nav',
      icon: PlansIcon,
      roles: ['admin', 'budget_office', 'budget_analyst', 'unit_officer', 'executive'],
      order: 22,
    },
  ],
  homeCards: [
    {
      id: 'plans-due',
      roles: ['unit_officer', 'budget_analyst'],
      order: 12,
      component: lazy(() => import('./home-due-card')),
    },
    {
      id: 'plans-at-risk',
      roles: ['unit_officer', 'budget_analyst'],
      order: 14,
      component: lazy(() => import('./home-risk-card')),
    },
    {
      id: 'plans-status-counts',
      roles: ['admin', 'budget_office', 'executive'],
      order: 12,
      component: lazy(() => import('./home-counts-card')),
    },
  ],
};

export default plans;
