import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/*
 * The installation key: 32 random bytes in a file outside the database (PBIS_KEY_FILE, default
 * pbis.key next to the data directory), written as 64 hexadecimal characters with mode 0600 on
 * first use. Whoever can write the database but not read this file can neither forge an audit
 * row's mac nor sign a backup. Sub-keys are derived with HKDF, one per purpose.
 */
export interface InstallationKeys {
  /** HMAC key of the audit trail: row macs and checkpoints. */
  audit: Buffer;
  /** HMAC key that signs backups. */
  backup: Buffer;
  /** A short public fingerprint of the key (safe to print), to tell keys apart in messages. */
  id: string;
  /** The key file, or 'ephemeral' for a per-process key (in-memory test databases). */
  source: string;
  ephemeral: boolean;
  /** This process created the key file just now (a new installation, or a lost key). */
  created: boolean;
}

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-f]{64}$/i;

function derive(
  master: Buffer,
  source: string,
  ephemeral: boolean,
  created = false,
): InstallationKeys {
  const sub = (info: string, bytes = 32) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `pbis/${info}/v1`, bytes));
  return {
    audit: sub('audit'),
    backup: sub('backup'),
    id: sub('key-id', 8).toString('hex'),
    source,
    ephemeral,
    created,
  };
}

let ephemeralKeys: InstallationKeys | undefined;

/** One random key per process: two in-memory databases of one test run share it. */
export function ephemeralInstallationKeys(): InstallationKeys {
  ephemeralKeys ??= derive(randomBytes(KEY_BYTES), 'ephemeral', true);
  return ephemeralKeys;
}

/** Reads the key file, creating it (0600, race-safe) when it does not exist yet. */
export async function loadInstallationKeys(keyFile: string | undefined): Promise<InstallationKeys> {
  if (!keyFile) return ephemeralInstallationKeys();
  const file = path.resolve(keyFile);
  let created = false;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(file, e);
  }
  // Another process may have created the file a moment ago and not written it yet.
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw keyError(file, e);
    }
    if (HEX_KEY.test(text)) return derive(Buffer.from(text, 'hex'), file, false, created);
    if (text !== '' || attempt >= 20)
      throw new Error(
        `the installation key ${file} (PBIS_KEY_FILE) is malformed: expected 64 hexadecimal characters (32 random bytes); restore it from its safe copy`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

function keyError(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new Error(`cannot read or create the installation key ${file} (PBIS_KEY_FILE): ${code}`, {
    cause: e,
  });
}

/** HMAC-SHA256 in hex. */
export const hmacHex = (key: Buffer, ...parts: string[]): string => {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** Compares two hex macs in constant time; false when either is missing or malformed. */
export function sameMac(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
