import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

/*
 * Surgery on backup files for the tests: what someone with the file (and perhaps without the
 * key) could do to it — cut it, edit rows or the header, recompute the digest, re-sign it.
 */
export interface Lines {
  header: Record<string, unknown> & { tables: { name: string; rows: number; columns: string[] }[] };
  chunks: string[];
  trailer: string | undefined;
}

export function readBackup(file: string): Lines {
  const bytes = fs.readFileSync(file);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes).toString(
    'utf8',
  );
  const all = text.split('\n').filter((l) => l.trim() !== '');
  const last = all.at(-1)!;
  const trailer = last.startsWith('{"format":"pbis-backup-trailer"') ? last : undefined;
  const body = trailer ? all.slice(0, -1) : all;
  return { header: JSON.parse(body[0]!) as Lines['header'], chunks: body.slice(1), trailer };
}

/** The content lines, with a trailer: its digest recomputed, signed with `key` or the old hmac. */
export function text(
  b: Lines,
  opts: { trailer?: 'keep' | 'none' | 'redigest'; key?: Buffer } = {},
): string {
  const lines = [JSON.stringify(b.header), ...b.chunks];
  const mode = opts.trailer ?? (opts.key ? 'redigest' : 'keep');
  if (mode === 'none') return `${lines.join('\n')}\n`;
  if (mode === 'keep') return `${[...lines, b.trailer!].join('\n')}\n`;
  const content = lines.map((l) => `${l}\n`).join('');
  const old = b.trailer ? (JSON.parse(b.trailer) as { hmac: string }) : { hmac: '0'.repeat(64) };
  const trailer = JSON.stringify({
    format: 'pbis-backup-trailer',
    lines: lines.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    hmac: opts.key ? createHmac('sha256', opts.key).update(content).digest('hex') : old.hmac,
  });
  return `${content}${trailer}\n`;
}

/** Changes the rows of one table (parsed: fine for the small values of the tests). */
export function editRows(
  b: Lines,
  table: string,
  fn: (rows: Record<string, unknown>[]) => Record<string, unknown>[],
): Lines {
  const chunks = b.chunks.map((line) => {
    const c = JSON.parse(line) as { table: string; rows: Record<string, unknown>[] };
    return c.table === table ? JSON.stringify({ table, rows: fn(c.rows) }) : line;
  });
  return { ...b, chunks };
}

/** Changes the header's row count of a table. */
export function editCount(b: Lines, table: string, rows: number): Lines {
  const header = structuredClone(b.header);
  header.tables.find((t) => t.name === table)!.rows = rows;
  return { ...b, header };
}
