import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { ROLES } from '@pbis/core';
import { HomeIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** The page a user lands on: the cards every module offers the user's role. */
const home: WebModule = {
  id: 'home',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/',
      component: lazyRouteComponent(() => import('./home-page'), 'HomePage'),
    }),
  ],
  nav: [{ to: '/', labelKey: 'home:nav', icon: HomeIcon, roles: ROLES, order: 0 }],
  homeCards: [
    {
      id: 'recent-activity',
      roles: ROLES,
      order: 30,
      component: lazy(() => import('./activity-card')),
    },
  ],
};

export default home;
