import { z } from 'zod';

/** GET /health — 200 when the database answers, 503 when it does not. */
export const healthSchema = z.object({ status: z.literal('ok'), database: z.string() });
export const healthDownSchema = z.object({ status: z.literal('error'), database: z.string() });
export type Health = z.input<typeof healthSchema>;
