import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> · PBIS" (or "PBIS" alone), in the page's language. */
export const pageTitle = (page: string | null | undefined, app = 'PBIS'): string =>
  page ? `${page} · ${app}` : app;

/** Sets document.title for as long as the page is shown (PageHeader calls it for every page). */
export function usePageTitle(page: string | null | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = pageTitle(page, app);
  }, [page, app]);
}
