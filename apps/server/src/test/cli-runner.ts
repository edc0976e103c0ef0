import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { main } from '../cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  raw: Buffer;
}

/** Runs `pbis ARGS…` in this process, capturing standard output and error. */
export async function pbis(...argv: string[]): Promise<Run> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink =
    (to: Buffer[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      to.push(Buffer.from(chunk));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(sink(out) as never);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(sink(err) as never);
  try {
    const code = await main(argv);
    const raw = Buffer.concat(out);
    return { code, raw, stdout: raw.toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/**
 * A temporary directory and environment for the CLI tests of one file: `env` is set before all
 * tests (undefined = unset) and the previous environment put back after them.
 */
export function cliEnvironment(
  prefix: string,
  env: (dir: string) => Record<string, string | undefined>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const saved = { ...process.env };
  beforeAll(() => {
    for (const [k, v] of Object.entries(env(dir))) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, file: (name: string) => path.join(dir, name) };
}
