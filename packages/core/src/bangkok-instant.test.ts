import { describe, expect, it } from 'vitest';
import { bangkokInstantMs } from './bangkok-instant.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('bangkokInstantMs', () => {
  it.each([
    // a day is Bangkok's midnight (17:00 UTC the day before) …
    ['2026-11-25', false, '2026-11-24T17:00:00.000Z'],
    // … or, as the end of a range, its last millisecond
    ['2026-11-25', true, '2026-11-25T16:59:59.999Z'],
    ['2024-02-29', false, '2024-02-28T17:00:00.000Z'],
    ['2026-01-01', false, '2025-12-31T17:00:00.000Z'],
    // a time without an offset is Bangkok time; endOfDay only concerns bare days
    ['2026-11-25T08:30', true, '2026-11-25T01:30:00.000Z'],
    ['2026-11-25T08:30:15.5', false, '2026-11-25T01:30:15.500Z'],
    ['2026-11-25T00:00:00', false, '2026-11-24T17:00:00.000Z'],
    // a time with an offset is that instant
    ['2026-11-25T08:30:00Z', false, '2026-11-25T08:30:00.000Z'],
    ['2026-11-25T08:30:00+01:00', false, '2026-11-25T07:30:00.000Z'],
    ['2026-11-25T08:30:00-05:30', false, '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T23:59:59.999999+07:00', false, '2026-11-25T16:59:59.999Z'],
  ] as const)('%s (end of day: %s) → %s', (text, endOfDay, expected) => {
    expect(iso(bangkokInstantMs(text, endOfDay))).toBe(expected);
  });

  it.each([
    '2025-02-29', // not a leap year
    '2025-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-00',
    '2026-11-25T24:00',
    '2026-11-25T10:61',
    '2026-11-25T10:30:60',
    '2026-11-25T10:30+15:00',
    '2026-11-25T10:30+07:75',
    '25-11-2026',
    '2026-11-25 08:30',
    '2026-11-25T',
    '',
    'yesterday',
  ])('%s is not an instant', (text) => {
    expect(bangkokInstantMs(text)).toBeUndefined();
  });

  it('the start and the end of one day are one day apart, less a millisecond', () => {
    const from = bangkokInstantMs('2026-11-25')!;
    const to = bangkokInstantMs('2026-11-25', true)!;
    expect(to - from).toBe(86_400_000 - 1);
  });
});
