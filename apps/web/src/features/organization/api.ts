import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { OrganizationOverview } from '@pbis/contract';

export const organizationKey = ['organization'] as const;

export function useOrganization() {
  return useQuery({
    queryKey: organizationKey,
    queryFn: ({ signal }) => api<OrganizationOverview>('/organization', { signal }),
  });
}
