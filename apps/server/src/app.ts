import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { AppError } from '@pbis/core';
import type { Database } from './db/client.js';
import type { Config } from './env.js';
import { allows } from './http/access.js';
import { frameworkErrors, registerErrorHandling } from './http/errors.js';
import { assertCleanParams, registerJsonBody } from './http/json-body.js';
import { CSRF_HEADER, SESSION_COOKIE, sessionFromRequest } from './modules/auth/http.js';
import { registerWeb } from './http/web.js';
import {
  assertNoPasswordChangePending,
  tokensEqual,
  type SessionInfo,
} from './modules/auth/service.js';
import { serverModules } from './modules/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
  interface FastifyRequest {
    session: SessionInfo | undefined;
  }
}

export interface AppOptions {
  database: Database;
  config: Config;
  /** Sign-in attempts allowed per IP per minute (429 beyond). */
  loginRateLimit?: number;
  logger?: boolean;
  /** Where the log goes (default standard output); tests read it to prove what it never holds. */
  logStream?: NodeJS.WritableStream;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(opts.logStream && { stream: opts.logStream }),
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.body.password'],
          },
    bodyLimit: 1024 * 1024,
    // A hop count trusts that many proxies in front of PBIS, nearest first; the client's own
    // X-Forwarded-For entries beyond them are ignored.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    frameworkErrors,
  });
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorateRequest('session', undefined);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerJsonBody(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'PBIS API',
        description: 'Performance-Based Budgeting Information System',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  // Who is asking, then may they — decided from the route that matched (the router has decoded
  // the path: /%61pi/… is /api/…), never from the raw URL. A route that declares no access is
  // unreachable; the web's routes declare theirs where they are registered.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return; // the not-found handler answers
    const access = request.routeOptions.config.access;
    if (access === undefined)
      throw new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`, {
        reason: 'no_route',
      });
    if (access === 'public' && request.method === 'GET') return; // pages, assets, health
    request.session = await sessionFromRequest(request);
    const verdict = allows(access, request.session?.actor.role);
    if (verdict === 'unauthenticated')
      throw new AppError('unauthenticated', 'sign in first', { reason: 'not_signed_in' });
    if (verdict === 'forbidden')
      throw new AppError('forbidden', 'your role may not do this', { reason: 'role_forbidden' });
    assertNoPasswordChangePending(request.session, `${request.method} ${request.routeOptions.url}`);
    if (request.session && MUTATING.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !tokensEqual(header, request.session.csrfToken)) {
        throw new AppError(
          'forbidden',
          `missing or wrong ${CSRF_HEADER} header (CSRF protection)`,
          { reason: 'csrf_mismatch' },
        );
      }
    }
  });

  // Control characters never pass the boundary: bodies are checked by the JSON parser, the
  // query string and path parameters here (before the route's schema sees them).
  app.addHook('preValidation', async (request) => assertCleanParams(request.query, request.params));

  // API answers are per user and often personal: never stored by a browser or a proxy.
  app.addHook('onSend', async (request, reply) => {
    if (!request.routeOptions.config.web) reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api) => {
      const routeOptions = { loginRateLimit: opts.loginRateLimit ?? 20 };
      for (const m of serverModules) await api.register(m.routes, routeOptions);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: '/api/v1' },
  );

  await registerWeb(app, config.webDist);
  return app;
}
