import type { ComponentType, LazyExoticComponent } from 'react';
import type { AnyRoute } from '@tanstack/react-router';
import type { Role } from '@pbis/contract';

export type Messages = Record<string, unknown>;

export interface NavEntry {
  to: string; // the path, e.g. '/users'
  labelKey: string; // i18n key in the module's namespace, e.g. 'users:nav'
  icon: ComponentType<{ size?: number }>;
  roles: readonly Role[]; // who sees the entry (the server enforces the same)
  order: number; // position in the navigation (10, 20, …)
}

export interface HomeCard {
  id: string;
  roles: readonly Role[];
  order: number;
  component: LazyExoticComponent<ComponentType>; // lazy: a card's code loads with the home page
}

export interface WebModule {
  id: string; // also the i18n namespace
  messages: { th: Messages; en: Messages }; // the module's own th.json / en.json
  /** The module's pages, as children of the signed-in layout route. */
  routes: (parent: AnyRoute) => AnyRoute[];
  nav?: NavEntry[];
  homeCards?: HomeCard[];
  /** Pages outside the signed-in layout (children of the root route), e.g. the sign-in page. */
  publicRoutes?: (root: AnyRoute) => AnyRoute[];
}
