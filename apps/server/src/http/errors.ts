import { AppError, APP_ERROR_STATUS, type AppErrorCode } from '@pbis/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const statusCodes: Record<number, AppErrorCode> = Object.fromEntries(
  Object.entries(APP_ERROR_STATUS).map(([code, status]) => [status, code as AppErrorCode]),
);

/** Postgres error codes that are the user's mistake, not ours. */
function fromDatabaseError(e: {
  code?: string;
  detail?: string;
  message?: string;
  constraint?: string;
}): AppError | undefined {
  switch (e.code) {
    case '23505':
      return new AppError('conflict', `already exists${e.constraint ? ` (${e.constraint})` : ''}`);
    case '23503':
      return new AppError(
        'business_rule',
        'refers to a record that does not exist or is still in use',
      );
    case '23514':
      return new AppError(
        'validation',
        `violates a rule${e.constraint ? ` (${e.constraint})` : ''}`,
      );
    case '22P02':
      return new AppError('validation', 'malformed identifier or value');
    default:
      return undefined;
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { code?: string; cause?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const issues = e.validation.map(
      (v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request'}: ${v.message}`,
    );
    return new AppError('validation', issues.join('; '), e.validation);
  }
  const db = fromDatabaseError(e) ?? (e.cause ? fromDatabaseError(e.cause as never) : undefined);
  if (db) return db;
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = statusCodes[e.statusCode] ?? 'validation';
    return new AppError(code, e.message);
  }
  return new AppError('internal', 'internal error');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'internal') request.log.error({ err }, 'unhandled error');
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined && appError.code !== 'internal')
      body.error.details = appError.details;
    if (appError.code === 'rate_limited' && !reply.getHeader('retry-after'))
      reply.header('retry-after', '60');
    return reply.status(appError.status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: {
        code: 'not_found',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    };
    return reply.status(404).send(body);
  });
}
