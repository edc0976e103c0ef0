import { ROLES, rolesWithScope } from '@pbis/core';
import { UNIT_KINDS } from '@pbis/contract';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * One organisation (tenant) owns everything; every row that belongs to a tenant carries
 * organization_id, and every row that belongs to a fiscal year carries fiscal_year (BE).
 * Money is integer satang (bigint). Mutable entities carry `version` for optimistic concurrency.
 */

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};
const version = integer('version').notNull().default(1);

/** A list of roles as SQL literals, for check constraints ('admin','budget_office'). */
const roleList = (roles: readonly string[]) => sql.raw(roles.map((r) => `'${r}'`).join(','));

export const organization = pgTable('organization', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameTh: text('name_th').notNull(),
  nameEn: text('name_en').notNull(),
  version,
  ...timestamps,
});

/** Kinds of receiving unit: the API contract's list. */
export { UNIT_KINDS };

export const receivingUnit = pgTable(
  'receiving_unit',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    code: text('code').notNull(),
    nameTh: text('name_th').notNull(),
    /** nameTh after NFC, Thai sara-am repair and whitespace folding: the key names are matched on. */
    nameKey: text('name_key').notNull(),
    nameEn: text('name_en').notNull().default(''),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    analysisDivisionId: uuid('analysis_division_id'),
    active: boolean('active').notNull().default(true),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('receiving_unit_org_code').on(t.organizationId, t.code),
    uniqueIndex('receiving_unit_org_name_key').on(t.organizationId, t.nameKey),
    check(
      'receiving_unit_kind',
      sql`${t.kind} in ('department','district_office','enterprise','university')`,
    ),
  ],
);

export const DIVISION_KINDS = ['secretariat', 'budget_system', 'analysis', 'other'] as const;

/** A section of an office — here the Budget Office's 8 divisions, including analysis divisions 1–6. */
export const division = pgTable(
  'division',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => receivingUnit.id),
    code: text('code').notNull(),
    nameTh: text('name_th').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind', { enum: DIVISION_KINDS }).notNull(),
    analysisNo: integer('analysis_no'),
    sortOrder: integer('sort_order').notNull().default(0),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('division_org_code').on(t.organizationId, t.code),
    uniqueIndex('division_org_analysis_no').on(t.organizationId, t.analysisNo),
    check('division_analysis_no', sql`(${t.kind} = 'analysis') = (${t.analysisNo} is not null)`),
  ],
);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    unitId: uuid('unit_id').references(() => receivingUnit.id),
    analysisDivisionId: uuid('analysis_division_id').references(() => division.id),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('app_user_username_lower').on(sql`lower(${t.username})`),
    check('app_user_role', sql`${t.role} in (${roleList(ROLES)})`),
    // A user has a unit exactly when their role's scope is a unit, an analysis division exactly
    // when it is a division (scopeKindOf in @pbis/core).
    check(
      'app_user_unit_scope',
      sql`(${t.role} in (${roleList(rolesWithScope('unit'))})) = (${t.unitId} is not null)`,
    ),
    check(
      'app_user_division_scope',
      sql`(${t.role} in (${roleList(rolesWithScope('division'))})) = (${t.analysisDivisionId} is not null)`,
    ),
  ],
);

export const userSession = pgTable(
  'user_session',
  {
    /** SHA-256 (hex) of the session token; the token itself is only in the cookie. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('user_session_user').on(t.userId)],
);

export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    usernameLower: text('username_lower').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    success: boolean('success').notNull(),
    ip: text('ip'),
  },
  (t) => [
    index('login_attempt_user_at').on(t.usernameLower, t.at),
    // the address throttle counts an address's recent failures (ADR 0006)
    index('login_attempt_ip_at').on(t.ip, t.at),
  ],
);

export const fiscalYear = pgTable(
  'fiscal_year',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    /** Buddhist-era year, e.g. 2565 (1 Oct 2021 – 30 Sep 2022). */
    year: integer('year').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    version,
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.year] }),
    check('fiscal_year_be', sql`${t.year} between 2400 and 2800`),
  ],
);

/** month 0 locks the whole fiscal year; 1–12 lock one fiscal month (1 = October). */
export const periodLock = pgTable(
  'period_lock',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    fiscalYear: integer('fiscal_year').notNull(),
    month: integer('month').notNull(),
    locked: boolean('locked').notNull(),
    changedBy: uuid('changed_by').references(() => appUser.id),
    version,
    ...timestamps,
  },
  (t) => [
    uniqueIndex('period_lock_org_fy_month').on(t.organizationId, t.fiscalYear, t.month),
    check('period_lock_month', sql`${t.month} between 0 and 12`),
  ],
);

/**
 * Append-only, hash-chained and keyed audit trail. `seq` is assigned by the writer under a lock;
 * a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    organizationId: uuid('organization_id'),
    userId: uuid('user_id'),
    username: text('username'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * HMAC-SHA256(audit key, hash): only the holder of the installation key can write it, so a
     * chain recomputed from an edited row onward does not verify. Null only on rows written before
     * migration 0002 until they are sealed (see audit/seal.ts).
     */
    mac: text('mac'),
  },
  (t) => [
    index('audit_log_entity').on(t.entity, t.entityId),
    index('audit_log_user').on(t.userId),
    index('audit_log_at').on(t.at),
  ],
);

/** One row per imported file: makes re-imports of the same file idempotent. */
export const importBatch = pgTable(
  'import_batch',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    kind: text('kind').notNull(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    fiscalYear: integer('fiscal_year'),
    rows: integer('rows').notNull(),
    totalSatang: bigint('total_satang', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_batch_org_kind_hash').on(t.organizationId, t.kind, t.fileHash)],
);

/**
 * Failed sign-ins, aggregated per username, address and hour so that they cannot fill the disk:
 * a username that does not exist is recorded as '' (random usernames add no rows), and rows older
 * than 90 days are pruned. Lockouts and unlocks are in the audit trail.
 */
export const signInFailure = pgTable(
  'sign_in_failure',
  {
    usernameLower: text('username_lower').notNull(),
    ip: text('ip').notNull().default(''),
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    failures: integer('failures').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.usernameLower, t.ip, t.hour] }),
    index('sign_in_failure_hour').on(t.hour),
  ],
);
