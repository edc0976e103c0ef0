import { describe, expect, it } from 'vitest';
import { budgetOfficePlan2565 as plan } from './budget-office-plan-2565.js';

describe('the seed action plan as data', () => {
  it('loads', () => {
    expect(plan.divisions).toHaveLength(8);
  });
});
