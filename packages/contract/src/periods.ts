import { z } from 'zod';
import { fiscalYearInput, fiscalYearQuery, isoDate, isoDateTime } from './common.js';

export const fiscalYearSchema = z.object({
  year: z.number().int(),
  startDate: isoDate,
  endDate: isoDate,
});
export type FiscalYear = z.input<typeof fiscalYearSchema>;

/** GET /fiscal-years */
export const fiscalYearListSchema = z.object({ items: z.array(fiscalYearSchema) });
export type FiscalYearList = z.input<typeof fiscalYearListSchema>;

/** POST /fiscal-years — 201 with the year; 409 `fiscal_year_exists` when it is already there. */
export const createFiscalYearBody = z.object({ year: fiscalYearInput });
export type CreateFiscalYearBody = z.input<typeof createFiscalYearBody>;

export const monthLockSchema = z.object({
  month: z.number().int().min(1).max(12),
  abbrTh: z.string(),
  abbrEn: z.string(),
  locked: z.boolean(),
  effectiveLocked: z.boolean(),
  changedBy: z.string().nullable(),
  changedAt: isoDateTime.nullable(),
});
export type MonthLock = z.input<typeof monthLockSchema>;

/** GET and PUT /period-locks */
export const periodLocksSchema = z.object({
  fiscalYear: z.number().int(),
  yearLocked: z.boolean(),
  yearChangedBy: z.string().nullable(),
  yearChangedAt: isoDateTime.nullable(),
  months: z.array(monthLockSchema),
});
export type PeriodLocks = z.input<typeof periodLocksSchema>;

export const periodLocksQuery = z.object({ fiscalYear: fiscalYearQuery });
export type PeriodLocksQuery = z.input<typeof periodLocksQuery>;

/** PUT /period-locks — month 0 is the whole fiscal year, 1 = October … 12 = September. */
export const setPeriodLockBody = z.object({
  fiscalYear: fiscalYearInput,
  month: z.number().int().min(0).max(12),
  locked: z.boolean(),
});
export type SetPeriodLockBody = z.input<typeof setPeriodLockBody>;

/** `details` of 423 `period_locked`: the year, and the month closed (0: the whole year). */
export const periodLockedDetails = z.object({
  reason: z.literal('period_locked'),
  fiscalYear: z.number().int(),
  month: z.number().int().min(0).max(12),
});
