import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lineIcon } from '../../app/icons';
import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

const ImportIcon = lineIcon('M12 3v12M7 10l5 5 5-5M4 17v3h16v-3');

/**
 * Importing files (SPEC §3 kinds): choose the kind, check the file first (dry run), then import
 * it, with the upload's progress, the summary, or every problem by line in the page's language.
 * For the roles the API lets import (POST /imports/{kind}: admin and the Budget Office).
 */
const imports: WebModule = {
  id: 'imports',
  messages: { th, en },
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/imports',
      component: lazyRouteComponent(() => import('./imports-page'), 'ImportsPage'),
    }),
  ],
  nav: [
    {
      to: '/imports',
      labelKey: 'imports:nav',
      icon: ImportIcon,
      roles: ['admin', 'budget_office'],
      order: 27,
    },
  ],
};

export default imports;
