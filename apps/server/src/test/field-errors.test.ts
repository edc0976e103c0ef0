import { describe, expect, it } from 'vitest';
import { fieldErrorOf } from '../http/errors.js';

/* How one schema issue becomes a field error: its path, a reason of the one list, its numbers. */
describe('fieldErrorOf', () => {
  it.each([
    [
      'a too long string',
      { keyword: 'too_big', instancePath: '/nameTh', params: { origin: 'string', maximum: 200 } },
      { path: 'nameTh', reason: 'too_long', params: { maximum: 200 } },
    ],
    [
      'a missing field, nested',
      {
        keyword: 'invalid_type',
        instancePath: '/lines/0/amount',
        message: 'Invalid input: expected string, received undefined',
        params: { expected: 'string' },
      },
      { path: 'lines.0.amount', reason: 'required', params: { expected: 'string' } },
    ],
    [
      'a custom check with its reason and its own numbers',
      {
        keyword: 'custom',
        instancePath: '/text',
        params: {
          params: { reason: 'unit_code_taken', code: '1004', limit: 500, nested: { x: 1 } },
        },
      },
      { path: 'text', reason: 'unit_code_taken', params: { code: '1004', limit: 500 } },
    ],
    [
      'a custom check whose reason is not on the list',
      { keyword: 'custom', instancePath: '/x', params: { params: { reason: 'made_up' } } },
      { path: 'x', reason: 'invalid_format' },
    ],
  ])('%s', (_what, issue, expected) => {
    expect(fieldErrorOf(issue)).toEqual(expected);
  });
});
