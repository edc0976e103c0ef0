// @pbis/core — the pure domain. No I/O, no database, no clock reads, no process.env.
export * from './errors.js';
