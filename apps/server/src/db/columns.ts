import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization, receivingUnit } from './schema.js';

/*
 * Columns every module's tables share: the tenant, the owning receiving unit (what row-level
 * security keys on), timestamps and the optimistic-concurrency version.
 */

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};
export const versionColumn = () => integer('version').notNull().default(1);
export const organizationId = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organization.id);
export const unitId = () =>
  uuid('unit_id')
    .notNull()
    .references(() => receivingUnit.id);
/** A check constraint's `in (…)` list of fixed words (enum values, never user input). */
export const sqlList = (values: readonly string[]) =>
  sql.raw(values.map((v) => `'${v}'`).join(','));
