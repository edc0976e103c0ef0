import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

/** One round trip to the database; throws when it does not answer. */
export async function ping(database: Database): Promise<void> {
  await database.rows(sql`select 1`);
}
