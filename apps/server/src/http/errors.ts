import { AppError, APP_ERROR_STATUS, type AppErrorCode } from '@pbis/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { driverError } from '../db/errors.js';

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
    case '22021': // invalid byte sequence (NUL in text)
    case '22P05': // untranslatable character
      return new AppError('validation', 'a value contains a character that cannot be stored');
    case '22001':
      return new AppError('validation', 'a value is too long');
    default:
      return undefined;
  }
}

/** Multipart bodies cut short or without a boundary: busboy's and @fastify/multipart's words. */
const BROKEN_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed part header|Malformed urlencoded form|the request is not multipart)/i;

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
  if (typeof e.message === 'string' && BROKEN_MULTIPART.test(e.message))
    return new AppError('validation', 'the upload is not a complete multipart/form-data body');
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return new AppError('validation', 'the request is nested too deeply');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = statusCodes[e.statusCode] ?? 'validation';
    return new AppError(code, e.message);
  }
  return new AppError('internal', 'internal error');
}

/**
 * What the log may say of an unexpected error: its kind, code and the database's own reason —
 * never the SQL parameters or row values a failed statement carried (password hashes, names).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as {
    name?: string;
    message?: string;
    stack?: string;
    query?: unknown;
    params?: unknown;
  };
  const pg = driverError(err);
  // A query builder's error repeats the statement and its parameters: keep only the reason.
  const fromDriver = e.query !== undefined || e.params !== undefined || pg !== undefined;
  return {
    name: e.name,
    code: pg?.code,
    message: fromDriver ? (pg?.message ?? 'database statement failed') : e.message,
    constraint: pg?.constraint,
    table: pg?.table,
    stack: fromDriver ? undefined : e.stack,
  };
}

/** The one error shape, for every error: handler, not-found handler and framework errors. */
export function sendError(reply: FastifyReply, appError: AppError) {
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined && appError.code !== 'internal')
    body.error.details = appError.details;
  if (appError.code === 'rate_limited' && !reply.getHeader('retry-after')) {
    const seconds = (appError.details as { retryAfterSeconds?: number } | undefined)
      ?.retryAfterSeconds;
    reply.header('retry-after', String(seconds ?? 60));
  }
  return reply.status(appError.status).send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err);
    if (appError.code === 'internal')
      request.log.error({ err: loggableError(err) }, 'unhandled error');
    return sendError(reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}

/** Fastify's own refusals before routing (a bad percent-encoding): the same error shape. */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) {
  const appError =
    error.code === 'FST_ERR_BAD_URL'
      ? new AppError('validation', 'the address has a malformed percent-encoding')
      : toAppError(error);
  return sendError(reply, appError);
}
