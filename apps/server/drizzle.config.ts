import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The foundation's tables, and each module's own (modules/<name>/schema.ts).
  schema: ['./apps/server/src/db/schema.ts', './apps/server/src/modules/*/schema.ts'],
  out: './apps/server/src/db/migrations',
});
