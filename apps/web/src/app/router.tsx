import {
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { AppLayout } from './shell';
import { queryClient } from './query-client';
import { landingFor, sessionQuery } from './session';
import { RequireFeature } from '../features/common/require-feature';
import { NotFoundPage } from '../features/common/not-found-page';
import { RouteError } from '../features/common/route-error';
import { SignInPage } from '../features/auth/sign-in-page';
import { ChangePasswordPage } from '../features/auth/change-password-page';
import { OrganizationPage } from '../features/organization/organization-page';
import { UnitsPage } from '../features/units/units-page';
import { validateUnitSearch } from '../features/units/unit-search';
import { UsersPage } from '../features/users/users-page';
import { PeriodsPage } from '../features/periods/periods-page';
import { AuditPage } from '../features/audit/audit-page';

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } =>
    typeof s.redirect === 'string' &&
    s.redirect.startsWith('/') &&
    !s.redirect.startsWith('//') &&
    !s.redirect.startsWith('/login')
      ? { redirect: s.redirect }
      : {},
  beforeLoad: async ({ search }) => {
    const session = await queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ to: landingFor(session, search.redirect) });
  },
  component: SignInPage,
});

/** Everything behind sign-in shares the shell. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ location }) => {
    const session = await queryClient.ensureQueryData(sessionQuery);
    if (!session)
      throw redirect({
        to: '/login',
        search: location.pathname === '/' ? {} : { redirect: location.href },
      });
    if (session.user.mustChangePassword && location.pathname !== '/account')
      throw redirect({ to: '/account' });
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/organization' });
  },
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organization',
  component: OrganizationPage,
});

const unitsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units',
  validateSearch: validateUnitSearch,
  component: UnitsPage,
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  component: () => (
    <RequireFeature feature="users">
      <UsersPage />
    </RequireFeature>
  ),
});

const periodsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/periods',
  component: () => (
    <RequireFeature feature="periods">
      <PeriodsPage />
    </RequireFeature>
  ),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  component: () => (
    <RequireFeature feature="audit">
      <AuditPage />
    </RequireFeature>
  ),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: ChangePasswordPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  appRoute.addChildren([
    homeRoute,
    organizationRoute,
    unitsRoute,
    usersRoute,
    periodsRoute,
    auditRoute,
    accountRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
