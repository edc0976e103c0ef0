#!/usr/bin/env node
// `npm start`: build the web UI when its sources are newer than the build, then `pbis start`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const web = path.join(root, 'apps/web');
const built = path.join(web, 'dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [
  path.join(web, 'src'),
  path.join(web, 'index.html'),
  path.join(web, 'vite.config.ts'),
].filter((p) => fs.existsSync(p));
const stale =
  !fs.existsSync(built) ||
  sources.some(
    (s) =>
      (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs) >
      fs.statSync(built).mtimeMs,
  );
if (stale && fs.existsSync(path.join(web, 'index.html'))) {
  console.log('Building the web UI (first start, or its sources changed)…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@pbis/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const env = { ...process.env, PBIS_DEMO: process.env.PBIS_DEMO ?? '1' };
const server = spawn(
  process.execPath,
  [path.join(root, 'apps/server/bin/pbis.mjs'), 'start', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
