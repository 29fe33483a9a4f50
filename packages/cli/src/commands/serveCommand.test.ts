import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../CliIO.js';
import { serveCommand } from './serveCommand.js';

function io(cwd: string): CliIO & { out: string[] } {
  const out: string[] = [];
  const sink = { write: (s: string) => (out.push(s), true) } as unknown as NodeJS.WritableStream;
  return { stdout: sink, stderr: sink, cwd, tty: false, out };
}

describe('visor serve', () => {
  it('serves a built folder until stopped, printing its URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'visor-serve-cmd-'));
    try {
      writeFileSync(join(dir, 'index.html'), 'hello');
      const stop = new AbortController();
      const cli = io(dir);
      const running = serveCommand({ dir: '.', port: 0, host: '127.0.0.1' }, cli, stop.signal);
      await expect.poll(() => cli.out.join('')).toMatch(/^Visor web app: http:\/\/127\.0\.0\.1:\d+\/ /);
      const url = /http:\/\/\S+\//.exec(cli.out.join(''))![0];
      const res = await fetch(url);
      expect(await res.text()).toBe('hello');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      stop.abort();
      expect(await running).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder without index.html, saying what to build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'visor-serve-cmd-'));
    try {
      await expect(serveCommand({ dir: '.', port: 0, host: '127.0.0.1' }, io(dir), new AbortController().signal)).rejects.toThrow(/no index\.html to serve/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
