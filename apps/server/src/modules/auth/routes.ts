import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@pbis/core';
import { changePasswordBody, loginBody, sessionSchema } from '@pbis/contract';
import { errors } from '../../http/schemas.js';
import { clearSessionCookies, setSessionCookies } from './http.js';
import { changeOwnPassword } from '../users/service.js';
import * as service from './service.js';

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
              { reason: 'too_many_sign_ins', retryAfterSeconds: Math.ceil(ctx.ttl / 1000) },
            ),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginBody,
        response: { 200: sessionSchema, ...errors(400, 401, 423, 429) },
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
        response: { 200: sessionSchema, ...errors(401) },
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
        body: changePasswordBody,
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
