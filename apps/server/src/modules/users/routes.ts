import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdUserSchema,
  resetPasswordBody,
  resetPasswordSchema,
  userInputSchema,
  userListQuery,
  userListSchema,
  userPatchBody,
  userSchema,
  uuidParam,
} from '@pbis/contract';
import { ADMIN } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as service from './service.js';

export const userRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary:
          'Users with their role and scope: filter by text, role or status; one page (limit, offset) and the total',
        querystring: userListQuery,
        response: { 200: userListSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => service.listUsersPage(app.database, request.session!.actor, request.query),
  );

  r.post(
    '/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Create a user with a role (and its unit or analysis division)',
        body: userInputSchema,
        response: { 201: createdUserSchema, ...errors(400, 401, 403, 409) },
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
        body: userPatchBody,
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
        body: resetPasswordBody,
        response: { 200: resetPasswordSchema, ...errors(400, 401, 403, 404) },
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
