import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module';
import { TransfersIcon } from './transfers-icon';
import en from './transfers-i18n/en.json';
import th from './transfers-i18n/th.json';

/** Transfers between budget lines (โอนเปลี่ยนแปลงงบประมาณ): request, approve, reject, cancel. */
const transfers: WebModule = {
  id: 'transfers',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/execution/transfers',
      component: lazyRouteComponent(() => import('./transfers-page'), 'TransfersPage'),
    }),
  ],
  nav: [
    {
      to: '/execution/transfers',
      labelKey: 'transfers:nav',
      icon: TransfersIcon,
      roles: ['admin', 'budget_office', 'budget_analyst', 'unit_officer', 'executive'],
      order: 26,
    },
  ],
};

export default transfers;
