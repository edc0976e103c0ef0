import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupApp, testDatabases, type TestContext } from './harness.js';

const SCRIPT = `export const greeting = ${JSON.stringify('สวัสดี '.repeat(400))};\n`;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-3f9a1c2b.js"></script></head><body>PBIS</body></html>';

/** A built web UI as the build leaves it: a hashed asset with its .br and .gz beside it. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-web-assets-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(text));
  };
  write('index.html', INDEX);
  write('assets/app-3f9a1c2b.js', SCRIPT);
  fs.writeFileSync(
    path.join(dir, 'assets', 'font-77aa00.woff2'),
    Buffer.from([0x77, 0x4f, 0x46, 0x32]),
  );
  return dir;
}

describe.each(testDatabases())('the web UI’s files on $name', (kind) => {
  let t: TestContext;
  let dist: string;
  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
    });

  beforeAll(async () => {
    dist = fakeDist();
    t = await setupApp(kind, { demo: false, webDist: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed when the browser accepts it, cached for a year', async () => {
    const res = await get('/assets/app-3f9a1c2b.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
  });

  it('sends gzip to a browser without brotli, and the plain file to one without either', async () => {
    const gz = await get('/assets/app-3f9a1c2b.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/assets/app-3f9a1c2b.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('a file the build did not compress (a font) is sent as it is, still immutable', async () => {
    const res = await get('/assets/font-77aa00.woff2', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/units', '/some/client/route'])(
    'index.html at %s is revalidated every time, never immutable',
    async (url) => {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['cache-control']).not.toMatch(/immutable|max-age=31536000/);
      const body =
        res.headers['content-encoding'] === 'br'
          ? zlib.brotliDecompressSync(res.rawPayload).toString()
          : res.body;
      expect(body).toBe(INDEX);
    },
  );

  it('a chunk of an older build is a 404, not the HTML page', async () => {
    const res = await get('/assets/app-00000000.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
  });
});
