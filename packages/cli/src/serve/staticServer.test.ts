import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from './staticServer.js';

/** A raw GET/HEAD (no URL normalisation by a client library), so `..` reaches the server as sent. */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveStatic (visor serve)', () => {
  let root = '';
  let served: StaticServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'visor-serve-'));
    mkdirSync(join(root, 'app/assets'), { recursive: true });
    writeFileSync(join(root, 'app/index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'app/assets/x.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(root, 'secret.txt'), 'outside the served folder');
    served = await serveStatic(join(root, 'app'), { port: 0 });
  });
  afterAll(async () => {
    await served?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves index.html at / with the cross-origin isolation headers', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await get(served.url, '/');
    expect(r.status).toBe(200);
    expect(r.body).toBe('<!doctype html><title>app</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('gives .wasm its MIME type (instantiateStreaming needs it), answers HEAD, 404 and 405', async () => {
    const wasm = await get(served.url, '/assets/x.wasm');
    expect([wasm.status, wasm.headers['content-type'], wasm.headers['content-length']]).toEqual([200, 'application/wasm', '4']);
    const head = await get(served.url, '/assets/x.wasm', 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    expect((await get(served.url, '/nope.js')).status).toBe(404);
    expect((await get(served.url, '/assets')).status).toBe(404);
    expect((await get(served.url, '/', 'POST')).status).toBe(405);
  });

  it('serves nothing outside its folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await get(served.url, path);
      expect(r.body, path).not.toContain('outside the served folder');
      expect([403, 404], path).toContain(r.status);
    }
  });

  it('names a port in use', async () => {
    const port = Number(new URL(served.url).port);
    await expect(serveStatic(join(root, 'app'), { port })).rejects.toThrow(/cannot serve on 127\.0\.0\.1:\d+: the port is in use/);
  });
});
