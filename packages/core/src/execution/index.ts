export * from './budget-vocabulary.js';
export * from './line-identity.js';
export * from './entry-date.js';
export * from './money-indicators.js';
export * from './s-curve.js';
