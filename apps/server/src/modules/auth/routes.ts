import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@pbis/core';
import { errors, meSchema } from '../../http/schemas.js';
import { clearSessionCookies, setSessionCookies } from './http.js';
import { changeOwnPassword } from '../users/service.js';
import * as service from './service.js';

const sessionResponse = z.object({ user: meSchema, csrfToken: z.string() });

export const authRoutes: FastifyPluginAsync<{ loginRateLimit: number }> = async (app, opts) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: opts.loginRateLimit,
          timeWindow: '1 minute',
          errorResponseBuilder: (_req, ctx) =>
            new AppError(
              'rate_limited',
              `too many sign-in attempts; wait ${Math.ceil(ctx.ttl / 1000)} seconds`,
            ),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: z.object({
          username: z.string().min(1).max(100),
          password: z.string().min(1).max(256),
        }),
        response: { 200: sessionResponse, ...errors(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, session } = await service.login(
        app.database,
        { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        app.config.sessionHours,
      );
      setSessionCookies(request, reply, token, session.csrfToken, app.config.sessionHours);
      return { user: session.me, csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out; revokes the session',
        response: { 204: z.null(), ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      await service.logout(app.database, request.session!);
      clearSessionCookies(request, reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: sessionResponse, ...errors(401) },
      },
    },
    async (request) => ({ user: request.session!.me, csrfToken: request.session!.csrfToken }),
  );

  r.post(
    '/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (other sessions are signed out)',
        body: z.object({
          currentPassword: z.string().min(1).max(256),
          newPassword: z.string().min(1).max(256),
        }),
        response: { 204: z.null(), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(app.database, request.session!, {
        ...request.body,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );
};
