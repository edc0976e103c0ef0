import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_READERS } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as repo from './repository.js';

const entrySchema = z.object({
  seq: z.number(),
  at: z.date(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

/** A day (YYYY-MM-DD, Bangkok) or an ISO instant; a day as `to` means the end of that day. */
const instant = (endOfDay: boolean) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'a date such as 2026-11-25')
    .transform((s, ctx) => {
      const d = bangkokInstant(s, endOfDay);
      if (!d) ctx.addIssue({ code: 'custom', message: `not a calendar date: ${s}` });
      return d ?? new Date(NaN);
    });

/** A day, or an instant without an offset, is Bangkok time; impossible days (2025-02-30) are refused. */
export function bangkokInstant(s: string, endOfDay: boolean): Date | undefined {
  const withTime = s.length === 10 ? `${s}T${endOfDay ? '23:59:59.999' : '00:00:00'}` : s;
  const d = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(withTime) ? withTime : `${withTime}+07:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  const bangkokDay = new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const offsetGiven = /(Z|[+-]\d{2}:\d{2})$/.test(s);
  return offsetGiven || bangkokDay === s.slice(0, 10) ? d : undefined;
}

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags,
        summary: 'The audit trail, newest first; filter by user, entity and date (Bangkok days)',
        querystring: z.object({
          userId: z.string().uuid().optional(),
          entity: z.string().max(60).optional(),
          entityId: z.string().max(100).optional(),
          action: z.string().max(60).optional(),
          from: instant(false).optional(),
          to: instant(true)
            .optional()
            .describe('inclusive: a date means up to the end of that day'),
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(entrySchema),
            nextBeforeSeq: z.number().nullable(),
            entities: z.array(z.string()),
            users: z.array(z.object({ userId: z.string(), username: z.string() })),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const orgId = request.session!.actor.organizationId;
      const items = await repo.listAudit(app.database.db, { ...q, organizationId: orgId });
      return {
        items,
        nextBeforeSeq: items.length === q.limit ? items[items.length - 1]!.seq : null,
        entities: await repo.listEntities(app.database.db, orgId),
        users: await repo.listAuditUsers(app.database.db, orgId),
      };
    },
  );

  r.get(
    '/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags,
        summary: 'Verify the whole audit trail: hash chain and the keyed mac of every row',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            brokenSeq: z.number().optional(),
            reason: z.string().optional(),
          }),
          ...errors(401, 403),
        },
      },
    },
    async () => repo.verifyAudit(app.database.db, app.database.keys.audit),
  );
};
