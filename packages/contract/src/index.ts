// @pbis/contract — the HTTP API's request and response shapes (zod), one file per module.
// Pure: no I/O. The server validates and serialises with these, the web infers its types from
// them, and the API tests parse answers with them (ADR 0007).
