import { AppError, describeTextProblem, textProblem } from '@pbis/core';
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';

/** No request of PBIS nests deeper; a 100,000-deep body is an attack, not data. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of a JSON text, counted outside strings, stopping once past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * Every string of a parsed body, with its path: the boundary refuses control characters in all of
 * them (NUL cannot be stored by PostgreSQL; the others corrupt files and logs). Multi-line text
 * (comments, reasons) may hold TAB, LF and CR; no key or value may hold anything else below U+0020.
 */
export function findControlCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value, { multiline: true });
    return problem ? `${path || 'body'} ${describeTextProblem(problem)}` : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findControlCharacter(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = textProblem(k);
      if (keyProblem) return `a field name ${describeTextProblem(keyProblem)}`;
      const found = findControlCharacter(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * JSON bodies: the same prototype-poisoning protection as Fastify's own parser, plus a depth
 * limit checked before parsing and the control-character rule, each a 400 in the error shape.
 */
export function registerJsonBody(app: FastifyInstance): void {
  // The API takes JSON (and multipart uploads where a route registers it); plain text is 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      if (jsonDepth(text) > MAX_JSON_DEPTH)
        return done(
          new AppError('validation', `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, {
            reason: 'too_deeply_nested',
          }),
        );
      let parsed: unknown;
      try {
        parsed = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (e) {
        return done(
          new AppError('validation', `the body is not valid JSON (${(e as Error).message})`, {
            reason: 'invalid_json',
          }),
        );
      }
      const control = findControlCharacter(parsed);
      if (control)
        return done(new AppError('validation', control, { reason: 'control_character' }));
      done(null, parsed);
    },
  );
}

/** Query strings and path parameters are one-line values: no control characters at all. */
export function assertCleanParams(query: unknown, params: unknown): void {
  for (const [where, values] of [
    ['query', query],
    ['path', params],
  ] as const) {
    if (!values || typeof values !== 'object') continue;
    for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
      for (const s of Array.isArray(v) ? v : [v]) {
        if (typeof s !== 'string') continue;
        const problem = textProblem(s) ?? textProblem(k);
        if (problem)
          throw new AppError(
            'validation',
            `${where} parameter ${k} ${describeTextProblem(problem)}`,
            { reason: problem, fields: [{ path: k, reason: problem }] },
          );
      }
    }
  }
}
