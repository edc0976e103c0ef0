// @pbis/core — the pure domain. No I/O, no database, no clock reads, no process.env.
export * from './errors.js';
export * from './thai-text.js';
export * from './name-index.js';
export * from './forgiving-search.js';
export * from './text-safety.js';
export * from './password-policy.js';
export * from './roles.js';
export * from './decimal.js';
export * from './money.js';
export * from './thai-digits.js';
export * from './fiscal-calendar.js';
export * from './bangkok-instant.js';
export * from './baht-text.js';
export * from './scoring/index.js';
export * from './work-plan.js';
export * from './execution/index.js';
export * from './plans/action-plan-document.js';
