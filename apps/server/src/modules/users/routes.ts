import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN } from '../../http/access.js';
import { errors, meSchema, roleSchema, uuidParam, versionField } from '../../http/schemas.js';
import * as service from './service.js';

/** A user as an admin sees them: the signed-in shape plus scope ids, state and version. */
const userSchema = meSchema.omit({ unitNameEn: true }).extend({
  analysisDivisionId: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: z.date().nullable(),
  lockedUntil: z.date().nullable().optional().describe('end of a sign-in lockout in force'),
  createdAt: z.date(),
  version: z.number(),
});

export const userRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Users with their role and scope',
        querystring: z.object({
          q: z.string().max(100).optional(),
          role: roleSchema.optional(),
          active: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await service.listUsers(app.database, request.session!.actor, request.query),
    }),
  );

  r.post(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Create a user with a role (and its unit or analysis division)',
        body: service.userInputSchema,
        response: {
          201: z.object({ user: userSchema, temporaryPassword: z.string().optional() }),
          ...errors(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createUser(app.database, request.session!.actor, request.body)),
  );

  r.patch(
    '/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Edit, disable or enable a user, or change their role',
        params: uuidParam,
        body: service.userPatchSchema.extend({ version: versionField }),
        response: { 200: userSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return service.updateUser(
        app.database,
        request.session!.actor,
        request.params.id,
        version,
        patch,
      );
    },
  );

  r.post(
    '/users/:id/reset-password',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: "Reset a user's password; omit the password to generate a temporary one",
        params: uuidParam,
        body: z.object({ password: z.string().min(1).max(256).optional() }),
        response: {
          200: z.object({ temporaryPassword: z.string().optional() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      service.resetPassword(
        app.database,
        request.session!.actor,
        request.params.id,
        request.body.password,
      ),
  );

  r.post(
    '/users/:id/unlock',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Clear a sign-in lockout',
        params: uuidParam,
        response: { 204: z.null(), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.unlockUser(app.database, request.session!.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
