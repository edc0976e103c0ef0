import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { ExecutionIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';
import { withAnalysisMessages } from './analysis-i18n';
import { withBreakdownMessages } from './breakdown-i18n';

/** Budget execution: budget vs actual, the S-curve and the two money indicators. */
const execution: WebModule = {
  id: 'execution',
  messages: withBreakdownMessages(withAnalysisMessages({ th, en })),
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
  homeCards: [
    {
      id: 'execution-laggard-alerts',
      roles: ['admin', 'budget_office', 'executive', 'budget_analyst'],
      order: 20,
      component: lazy(() => import('./alerts-home-card')),
    },
    {
      id: 'execution-forecast-misses',
      roles: ['admin', 'budget_office', 'executive', 'budget_analyst'],
      order: 21,
      component: lazy(() => import('./forecast-home-card')),
    },
    {
      id: 'execution-unit-money',
      roles: ['unit_officer'],
      order: 20,
      component: lazy(() => import('./unit-money-home-card')),
    },
  ],
};

export default execution;
