import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { MODULES } from './modules';
import { queryClient } from './query-client';
import { sessionQuery } from './session';
import { NotFoundPage } from '../features/common/not-found-page';
import { RouteError } from '../features/common/route-error';

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

/** Everything behind sign-in shares the shell; each module adds its pages here. */
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
  // The layout is not needed by the sign-in page: it loads with the first signed-in page.
  component: lazyRouteComponent(() => import('./shell'), 'AppLayout'),
  notFoundComponent: NotFoundPage,
});

/** An unknown address inside the app: the 404 page within the layout, navigation kept. */
const notFoundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '$',
  component: NotFoundPage,
});

const routeTree = rootRoute.addChildren([
  ...MODULES.flatMap((m) => m.publicRoutes?.(rootRoute) ?? []),
  appRoute.addChildren([...MODULES.flatMap((m) => m.routes(appRoute)), notFoundRoute]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });
