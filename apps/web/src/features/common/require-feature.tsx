import type { ReactNode } from 'react';
import { useMe } from '../../app/auth';
import { canUse, type Feature } from '../../app/access';
import { ForbiddenPage } from './forbidden-page';

/** Client-side guard: a page the role may not use shows the no-access page (the server refuses too). */
export function RequireFeature({ feature, children }: { feature: Feature; children: ReactNode }) {
  const me = useMe();
  return canUse(me.role, feature) ? children : <ForbiddenPage />;
}
