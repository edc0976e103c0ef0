import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ephemeralInstallationKeys, loadInstallationKeys } from '../db/keys.js';
import { loadConfig } from '../env.js';

/* The installation key file: created once (0600), read after, refused when it is not a key. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the installation key', () => {
  it('defaults to pbis.key next to the data directory, or PBIS_KEY_FILE', () => {
    expect(loadConfig({ PBIS_DATA_DIR: '/srv/pbis/data' }).keyFile).toBe('/srv/pbis/pbis.key');
    expect(loadConfig({}).keyFile).toBe(path.resolve('pbis.key'));
    expect(loadConfig({ PBIS_KEY_FILE: '/etc/pbis/key' }).keyFile).toBe('/etc/pbis/key');
  });

  it('is created owner-only on first use, once even when opened concurrently, then read', async () => {
    const file = path.join(dir, 'sub', 'pbis.key');
    const keys = await Promise.all(Array.from({ length: 6 }, () => loadInstallationKeys(file)));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    const again = await loadInstallationKeys(file);
    expect(again).toMatchObject({ id: keys[0]!.id, ephemeral: false, source: file });
    // Sub-keys differ from each other and from the key itself.
    const master = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    expect(again.audit.equals(again.backup)).toBe(false);
    expect(again.audit.equals(master)).toBe(false);
  });

  it('is refused with a clear message when malformed or unreadable', async () => {
    const bad = path.join(dir, 'bad.key');
    fs.writeFileSync(bad, 'not a key\n');
    await expect(loadInstallationKeys(bad)).rejects.toThrow(
      /installation key .*bad\.key \(PBIS_KEY_FILE\) is malformed: expected 64 hexadecimal/,
    );
    await expect(loadInstallationKeys(dir)).rejects.toThrow(
      /cannot read or create the installation key .* \(PBIS_KEY_FILE\): EISDIR/,
    );
  });

  it('is one random key per process when no file is given', async () => {
    const a = await loadInstallationKeys(undefined);
    expect(a).toBe(ephemeralInstallationKeys());
    expect(a.ephemeral).toBe(true);
  });
});
