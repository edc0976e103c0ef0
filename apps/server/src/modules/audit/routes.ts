import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityListSchema,
  activityQuery,
  auditListSchema,
  auditQuery,
  auditVerifySchema,
  signInFailureListSchema,
  signInFailuresQuery,
} from '@pbis/contract';
import { ADMIN, ANY_STAFF, AUDIT_READERS } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as service from './service.js';

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags,
        summary:
          'The audit trail, newest first, with names for the ids it holds; filter by user, entity and date (Bangkok days)',
        querystring: auditQuery,
        response: { 200: auditListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.listAudit(app.database, request.session!.actor, request.query),
  );

  r.get(
    '/activity',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: "The newest changes in the caller's scope (home page), newest first",
        querystring: activityQuery,
        response: { 200: activityListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      service.listActivity(app.database, request.session!.actor, request.query.limit),
  );

  r.get(
    '/audit/sign-in-failures',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary:
          'Wrong passwords per username, address and hour (kept 90 days), newest first; lockouts and unlocks are in the audit trail',
        querystring: signInFailuresQuery,
        response: { 200: signInFailureListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.listSignInFailures(app.database, request.query),
  );

  r.get(
    '/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags,
        summary: 'Verify the whole audit trail: hash chain and the keyed mac of every row',
        response: { 200: auditVerifySchema, ...errors(401, 403) },
      },
    },
    async () => service.verifyAudit(app.database),
  );
};
