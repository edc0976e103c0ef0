/** Budget execution: the vocabulary of budget files, line identity, entry dates, the money indicators, transfers, availability, forecasts and S-curves. */
export * from './budget-vocabulary.js';
export * from './line-identity.js';
export * from './entry-date.js';
export * from './money-indicators.js';
export * from './transfer-rules.js';
export * from './availability.js';
export * from './forecast.js';
export * from './s-curve.js';
export * from './laggard-alerts.js';
export * from './year-end.js';
