import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.js';

/** Builds the SPA once when apps/web/dist is missing (the server serves it). */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) return;
  execFileSync('npm', ['run', 'build', '-w', '@pbis/web'], { cwd: ROOT, stdio: 'inherit' });
}
