// @pbis/contract — the HTTP API's request and response shapes (zod), one file per module.
// Pure: no I/O. The server validates and serialises with these, the web infers its types from
// them, and the API tests parse answers with them (ADR 0007).
export * from './constants.js';
export * from './common.js';
export * from './errors.js';
export * from './auth.js';
export * from './org.js';
export * from './users.js';
export * from './periods.js';
export * from './imports.js';
export * from './import-kinds.js';
export * from './system.js';
export * from './audit.js';
export * from './execution.js';
export * from './execution-transfers.js';
export * from './execution-bva.js';
export * from './execution-analysis.js';
export * from './plans.js';
export * from './execution-year-end.js';
export * from './plans-types.js';
export * from './plans-home.js';
export * from './plans-report.js';
export * from './execution-breakdown.js';
