import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { AuditIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** The audit trail (who changed whom, before and after) and failed sign-ins. */
const audit: WebModule = {
  id: 'audit',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/audit',
      component: lazyRouteComponent(() => import('./audit-page'), 'AuditPage'),
    }),
  ],
  nav: [
    {
      to: '/audit',
      labelKey: 'audit:nav',
      icon: AuditIcon,
      roles: ['admin', 'budget_office'],
      order: 50,
    },
  ],
};

export default audit;
