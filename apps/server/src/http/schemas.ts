import { errorBodySchema } from '@pbis/contract';

/*
 * The API's request and response shapes live in @pbis/contract (ADR 0007). What stays here is
 * for the server alone: the OpenAPI entries of the error answers.
 */

/**
 * The error answers of a route for the OpenAPI document: every one has the shape of
 * `errorBodySchema` — `{ error: { code, message, details?: { reason?, fields?: [{ path, reason,
 * params? }], … } } }`, `code` one of ERROR_CODES and each reason one of ERROR_REASONS.
 */
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, errorBodySchema]));
