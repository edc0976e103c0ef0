import { z } from 'zod';
import { describeTextProblem, normalizeThai, ROLES, textProblem } from '@pbis/core';
import { SORT_ORDERS, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from './constants.js';

export { ROLES, type Role } from '@pbis/core';

/*
 * How to read a schema here: `z.input<typeof s>` is the JSON on the wire (what the web sends and
 * receives), `z.output<typeof s>` is what the server's handler sees in a request and returns in a
 * response. They differ only where a schema converts: a timestamp (ISO string on the wire, `Date`
 * in the server) and the query-string booleans ('true' on the wire, `true` in the handler).
 */

/**
 * A moment in time: an ISO 8601 string on the wire (`2026-12-02T03:04:05.000Z`), a `Date` in the
 * server. The server's response serialiser encodes (`Date` → string); a client that parses an
 * answer with the schema decodes (string → `Date`). Wire types (`z.input`) say `string`.
 */
export const isoDateTime = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

/** A calendar day, `YYYY-MM-DD` (a fiscal year's first and last day). */
export const isoDate = z.iso.date();

/**
 * A one-line name as it is stored: no control characters, format characters (zero-width, bidi
 * overrides) removed, spaces folded, NFC — and, when `min` is 1, not empty after all that.
 * Its field errors: `control_character` / `invalid_unicode`, `too_short` (empty), `too_long`.
 */
export const nameText = (max: number, min = 1) =>
  z
    .string()
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: describeTextProblem(problem),
          params: { reason: problem },
        });
    })
    .transform(normalizeThai)
    .pipe(
      z
        .string()
        .min(min, min > 0 ? 'is empty (invisible characters do not count)' : undefined)
        .max(max),
    );

export const roleSchema = z.enum(ROLES);
export const uuidSchema = z.uuid();
export const uuidParam = z.object({ id: uuidSchema });
export const versionField = z
  .number()
  .int()
  .min(1)
  .describe('the version you read; a stale one gets 409 with reason stale_version');

/** A boolean in a query string: `true`/`false` (or `1`/`0`) on the wire. */
export const boolQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const sortOrderSchema = z.enum(SORT_ORDERS);

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
};

/** A list answer: the rows of this page and how many match in all. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().min(0) });

/** A Buddhist-era fiscal year as a number or a four-digit string (`2570`, `"2570"`). */
export const fiscalYearInput = z
  .union([z.number().int(), z.string().regex(/^\d{4}$/)])
  .describe('Buddhist-era year, e.g. 2570');
/** A Buddhist-era fiscal year in a query string: four digits. */
export const fiscalYearQuery = z
  .string()
  .regex(/^\d{4}$/)
  .describe('Buddhist-era year, e.g. 2570');

/** An analysis division number as the API takes it (the organisation may add divisions). */
export const analysisDivisionNo = z.number().int().min(1).max(99);
