import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, launchBrowser, type Browser } from './browser.js';
import { startServer, type RunningServer } from './server.js';
import { ensureWebBuilt } from './web.js';

/*
 * What every journey through the demo shares: the server on a fresh embedded database with the
 * demo, the built web UI, one chromium, the passwords, and where screenshots are kept for a person
 * to look at.
 */
export const IN_CI = process.env.CI === 'true';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const ADMIN_PASSWORD = 'e2e-harbour-pass-123';
export const DEMO_PASSWORD = 'e2e-demo-pass-123';
export const SHOTS = process.env.PBIS_SHOTS_DIR ?? '/tmp/shots';
/** Three English words in a row: a sentence that should have been Thai. */
export const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

export interface Journey {
  server: RunningServer;
  browser: Browser;
}

/** The demo server and a browser (in CI chromium must be there: its absence fails, never skips). */
export async function openJourney(): Promise<Journey> {
  if (!HAS_CHROMIUM) throw new Error(`chromium is required in CI but ${CHROMIUM} is missing`);
  ensureWebBuilt();
  const server = await startServer({ adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD });
  const browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
  return { server, browser };
}

export async function closeJourney(j: Partial<Journey> | undefined): Promise<void> {
  await j?.browser?.close();
  await j?.server?.stop();
}

/** A screenshot of the page, kept in SHOTS as `<name>.png`. */
export async function keepShot(browser: Browser, name: string, fullPage = true): Promise<void> {
  const file = await browser.shot(name, fullPage);
  fs.copyFileSync(file, path.join(SHOTS, `${name}.png`));
}
