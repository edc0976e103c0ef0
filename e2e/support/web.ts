import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.js';

const WEB = path.join(ROOT, 'apps/web');

/** The newest modification time under the web sources (src, index.html, vite config). */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'index.html', 'vite.config.ts']) {
    const full = path.join(WEB, p);
    if (fs.existsSync(full)) walk(full);
  }
  return newest;
}

/**
 * Builds the SPA (the server serves apps/web/dist) when dist/index.html is missing, or older than
 * the sources so the journey never runs against a stale build. Returns whether it built.
 */
export function ensureWebBuilt(): boolean {
  const index = path.join(WEB, 'dist/index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSource()) return false;
  // vitest sets NODE_ENV=test, under which Vite would bundle React's development build into dist.
  execFileSync('npm', ['run', 'build', '-w', '@pbis/web'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return true;
}
