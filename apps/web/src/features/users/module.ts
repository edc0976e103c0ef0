import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { UsersIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** User accounts: roles, scope, status, password resets and unlocks (admin only). */
const users: WebModule = {
  id: 'users',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/users',
      component: lazyRouteComponent(() => import('./users-page'), 'UsersPage'),
    }),
  ],
  nav: [{ to: '/users', labelKey: 'users:nav', icon: UsersIcon, roles: ['admin'], order: 30 }],
};

export default users;
