import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { importBatch } from '../../db/schema.js';

/** Whether this organisation already imported a file with this content as this kind. */
export async function alreadyImported(
  db: Executor,
  organizationId: string,
  kind: string,
  fileHash: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: importBatch.id })
    .from(importBatch)
    .where(
      and(
        eq(importBatch.organizationId, organizationId),
        eq(importBatch.kind, kind),
        eq(importBatch.fileHash, fileHash),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The record that makes a re-import of the same file a no-op. */
export async function insertImportBatch(db: Executor, values: typeof importBatch.$inferInsert) {
  await db.insert(importBatch).values(values);
}
