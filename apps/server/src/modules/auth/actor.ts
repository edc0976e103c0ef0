import type { Role } from '@pbis/core';

/** Who is acting: a signed-in user, or the CLI acting as the system. */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  username: string;
  organizationId: string;
  role: Role;
  unitId: string | null;
  analysisDivisionId: string | null;
}

export const systemActor = (organizationId: string, username = 'pbis-cli'): Actor => ({
  kind: 'system',
  userId: null,
  username,
  organizationId,
  role: 'admin',
  unitId: null,
  analysisDivisionId: null,
});
