/** Shapes of the PBIS HTTP API (see apps/server/src/modules/<feature>/routes.ts), as the browser receives them. */

export const ROLES = [
  'admin',
  'budget_analyst',
  'budget_office',
  'unit_officer',
  'executive',
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['department', 'district_office', 'enterprise', 'university'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_SORTS = ['nameTh', 'nameEn', 'code', 'kind', 'analysisDivisionNo'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** Analysis divisions of the Budget Office (กองวิเคราะห์งบประมาณ 1–6). */
export const ANALYSIS_DIVISION_NOS = [1, 2, 3, 4, 5, 6] as const;

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
  unitNameTh: string | null;
  unitNameEn: string | null;
  analysisDivisionNo: number | null;
  mustChangePassword: boolean;
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Unit {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  kind: UnitKind;
  analysisDivisionId: string | null;
  analysisDivisionNo: number | null;
  active: boolean;
  version: number;
}

export interface Division {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  kind: string;
  analysisNo: number | null;
  units: Unit[];
}

export interface OrganizationOverview {
  organization: { id: string; code: string; nameTh: string; nameEn: string };
  divisions: Division[];
  unassignedUnits: Unit[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
  unitNameTh: string | null;
  analysisDivisionId: string | null;
  analysisDivisionNo: number | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  /** End of a sign-in lockout in force (5 failed sign-ins), else null. */
  lockedUntil?: string | null;
  createdAt: string;
  version: number;
}

export interface FiscalYear {
  year: number;
  startDate: string;
  endDate: string;
}

export interface MonthLock {
  month: number;
  abbrTh: string;
  abbrEn: string;
  locked: boolean;
  effectiveLocked: boolean;
  changedBy: string | null;
  changedAt: string | null;
}

export interface PeriodLocks {
  fiscalYear: number;
  yearLocked: boolean;
  yearChangedBy: string | null;
  yearChangedAt: string | null;
  months: MonthLock[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditUser {
  userId: string;
  username: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBeforeSeq: number | null;
  entities: string[];
  /** Everyone who appears in the trail (for the user filter). */
  users?: AuditUser[];
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenSeq?: number;
  reason?: string;
}
