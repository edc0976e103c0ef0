import { describe, expect, it } from 'vitest';
import { fiscalYearOf } from '@pbis/core';
import { creatableYears, defaultNewYear } from './api';

describe('creating fiscal years around today', () => {
  const today = fiscalYearOf(new Date('2026-12-02T03:00:00Z'));
  it('2 Dec 2026 is in fiscal year 2570, and 2569–2571 can be created', () => {
    expect(today).toBe(2570);
    expect(creatableYears(today)).toEqual(expect.arrayContaining([2569, 2570, 2571]));
  });
  it('starts on the current year when it is missing, else the nearest missing one', () => {
    expect(defaultNewYear(2570, [2563, 2564, 2565, 2566])).toBe(2570);
    expect(defaultNewYear(2570, [2570])).toBe(2571);
    expect(defaultNewYear(2570, [2570, 2571])).toBe(2569);
  });
});
