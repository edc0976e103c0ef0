import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { lazy } from 'react';
import { ROLES } from '@pbis/core';
import { AccountIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import { queryClient } from '../../app/query-client';
import { landingFor, safeRedirect, sessionQuery } from '../../app/session';
import en from './i18n/en.json';
import th from './i18n/th.json';

/** Signing in, and the signed-in user's own account (change password). */
const auth: WebModule = {
  id: 'auth',
  messages: { th, en },
  publicRoutes: (root) => [
    createRoute({
      getParentRoute: () => root,
      path: '/login',
      validateSearch: (s: Record<string, unknown>): { redirect?: string } => {
        const to = safeRedirect(s.redirect);
        return to ? { redirect: to } : {};
      },
      beforeLoad: async ({ search }) => {
        const session = await queryClient.ensureQueryData(sessionQuery);
        if (session) throw redirect({ to: landingFor(session, search.redirect) });
      },
      component: lazyRouteComponent(() => import('./sign-in-page'), 'SignInPage'),
    }),
  ],
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/account',
      component: lazyRouteComponent(() => import('./change-password-page'), 'ChangePasswordPage'),
    }),
  ],
  nav: [{ to: '/account', labelKey: 'auth:nav', icon: AccountIcon, roles: ROLES, order: 90 }],
  homeCards: [
    { id: 'my-account', roles: ROLES, order: 20, component: lazy(() => import('./account-card')) },
  ],
};

export default auth;
