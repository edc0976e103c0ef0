import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { ROLES } from '@pbis/core';
import { OrganizationIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** The organisation: the Budget Office's divisions and the receiving units each is responsible for. */
const organization: WebModule = {
  id: 'organization',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/organization',
      component: lazyRouteComponent(() => import('./organization-page'), 'OrganizationPage'),
    }),
  ],
  nav: [
    {
      to: '/organization',
      labelKey: 'organization:nav',
      icon: OrganizationIcon,
      roles: ROLES,
      order: 10,
    },
  ],
  homeCards: [
    { id: 'my-scope', roles: ROLES, order: 10, component: lazy(() => import('./scope-card')) },
  ],
};

export default organization;
