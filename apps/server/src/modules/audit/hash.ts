import { createHash, createHmac } from 'node:crypto';

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Makes a value safe for jsonb and stable for hashing: bigint → string, Date → ISO string. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as unknown;
}

export interface AuditContent {
  seq: number;
  at: Date;
  organizationId: string | null;
  userId: string | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(prevHash: string, c: AuditContent): string {
  const content = canonicalJson({
    seq: c.seq,
    at: c.at.toISOString(),
    organizationId: c.organizationId,
    userId: c.userId,
    username: c.username,
    action: c.action,
    entity: c.entity,
    entityId: c.entityId,
    before: c.before ?? null,
    after: c.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** The keyed seal of a row: HMAC-SHA256(audit key, hash). Without the key it cannot be forged. */
export function auditMac(auditKey: Buffer, hash: string): string {
  return createHmac('sha256', auditKey).update(hash).digest('hex');
}
