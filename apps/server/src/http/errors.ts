import { AppError, APP_ERROR_STATUS, type AppErrorCode } from '@pbis/core';
import {
  errorDetailsSchema,
  isErrorReason,
  type ErrorBody,
  type ErrorReason,
  type FieldError,
} from '@pbis/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { driverError } from '../db/errors.js';

export type { ErrorBody } from '@pbis/contract';

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
      return new AppError('conflict', `already exists${e.constraint ? ` (${e.constraint})` : ''}`, {
        reason: 'duplicate',
        constraint: e.constraint ?? null,
      });
    case '23503':
      return new AppError(
        'business_rule',
        'refers to a record that does not exist or is still in use',
        { reason: 'still_referenced' },
      );
    case '23514':
      return new AppError(
        'validation',
        `violates a rule${e.constraint ? ` (${e.constraint})` : ''}`,
        { reason: 'violates_rule', constraint: e.constraint ?? null },
      );
    case '22P02':
      return new AppError('validation', 'malformed identifier or value', {
        reason: 'invalid_format',
      });
    case '22021': // invalid byte sequence (NUL in text)
    case '22P05': // untranslatable character
      return new AppError('validation', 'a value contains a character that cannot be stored', {
        reason: 'invalid_unicode',
      });
    case '22001':
      return new AppError('validation', 'a value is too long', { reason: 'value_too_long' });
    default:
      return undefined;
  }
}

/** Multipart bodies cut short or without a boundary: busboy's and @fastify/multipart's words. */
const BROKEN_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed part header|Malformed urlencoded form|the request is not multipart)/i;

/** What zod said of one field (an entry of fastify-type-provider-zod's `validation`). */
interface SchemaIssue {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/** The params of an issue a message may need (a length, a pattern, the allowed values). */
const ISSUE_PARAMS = ['minimum', 'maximum', 'format', 'pattern', 'values', 'keys', 'expected'];

/** One zod issue as a field error: the field's dotted path, a reason of ERROR_REASONS, its params. */
export function fieldErrorOf(issue: SchemaIssue): FieldError {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const p = issue.params;
  const ofString = p.origin === 'string';
  let reason: ErrorReason;
  switch (issue.keyword) {
    case 'invalid_type':
      reason = /received undefined/.test(issue.message ?? '') ? 'required' : 'invalid_type';
      break;
    case 'too_small':
      reason = ofString ? 'too_short' : 'too_small';
      break;
    case 'too_big':
      reason = ofString ? 'too_long' : 'too_big';
      break;
    case 'invalid_format':
      reason = 'invalid_format';
      break;
    case 'invalid_value':
      reason = 'invalid_option';
      break;
    case 'unrecognized_keys':
      reason = 'unknown_field';
      break;
    case 'custom': {
      const custom = (p.params as { reason?: unknown } | undefined)?.reason;
      reason = isErrorReason(custom) ? custom : 'invalid_format';
      break;
    }
    default:
      reason = 'invalid_type';
  }
  const params: Record<string, unknown> = Object.fromEntries(
    ISSUE_PARAMS.filter((k) => p[k] !== undefined).map((k) => [
      k,
      typeof p[k] === 'bigint' ? Number(p[k]) : p[k],
    ]),
  );
  // A custom check's own numbers for its message, given next to its reason in `params`.
  if (issue.keyword === 'custom' && p.params && typeof p.params === 'object')
    for (const [k, v] of Object.entries(p.params as Record<string, unknown>))
      if (k !== 'reason' && ['string', 'number', 'boolean'].includes(typeof v)) params[k] = v;
  return Object.keys(params).length ? { path, reason, params } : { path, reason };
}

/** Fastify's own 4xx refusals (by its error code) and the reason they carry. */
const FRAMEWORK_REASONS: Record<string, ErrorReason> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_REQ_FILE_TOO_LARGE: 'import_file_too_large',
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { code?: string; cause?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const fields = e.validation.map((v) => fieldErrorOf(v as SchemaIssue));
    const issues = e.validation.map(
      (v, i) => `${fields[i]!.path || 'request'}: ${v.message ?? 'is not valid'}`,
    );
    return new AppError('validation', issues.join('; '), { reason: 'invalid_request', fields });
  }
  const db = fromDatabaseError(e) ?? (e.cause ? fromDatabaseError(e.cause as never) : undefined);
  if (db) return db;
  if (typeof e.message === 'string' && BROKEN_MULTIPART.test(e.message))
    return new AppError('validation', 'the upload is not a complete multipart/form-data body', {
      reason: 'malformed_multipart',
    });
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return new AppError('validation', 'the request is nested too deeply', {
      reason: 'too_deeply_nested',
    });
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = statusCodes[e.statusCode] ?? 'validation';
    const reason = e.code ? FRAMEWORK_REASONS[e.code] : undefined;
    return new AppError(code, e.message, reason ? { reason } : undefined);
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
  if (appError.details !== undefined && appError.code !== 'internal') {
    // Details name their reasons from ERROR_REASONS (the contract test checks the sources); one
    // that does not fit the contract is left out rather than turned into a 500 by the serialiser.
    const details = errorDetailsSchema.safeParse(appError.details);
    if (details.success) body.error.details = details.data;
    else reply.log.warn({ details: appError.details }, 'error details outside the contract');
  }
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
      new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`, {
        reason: 'no_route',
      }),
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
      ? new AppError('validation', 'the address has a malformed percent-encoding', {
          reason: 'malformed_url',
        })
      : toAppError(error);
  return sendError(reply, appError);
}
