import type { ReactNode } from 'react';
import type { Role } from '@pbis/contract';
import { useMe } from '../../app/auth';
import { ForbiddenPage } from './forbidden-page';

/**
 * Client-side guard: a page the role may not use shows the no-access page (the server refuses too).
 * The signed-in layout already applies it to every path of a module's nav entry.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  return roles.includes(me.role) ? children : <ForbiddenPage />;
}
