import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { VisorError } from '@visor/core';
import type { CliIO } from '../CliIO.js';
import { serveStatic } from '../serve/staticServer.js';

/** The built web app: `@visor/web`'s dist folder. */
export function webAppFolder(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('@visor/web/package.json');
  } catch (e) {
    throw new VisorError('the Visor web app (@visor/web) is not installed', { code: 'usage', hint: 'npm install @visor/web', cause: e });
  }
  return join(dirname(pkg), 'dist');
}

/**
 * `visor serve`: the web app (or `--dir`) on http://127.0.0.1:<port>/ with the headers wasm threads need, until
 * Ctrl-C (or `signal`). Resolves with the exit code once the server has closed.
 */
export async function serveCommand(options: { dir?: string; port: number; host: string }, io: CliIO, signal: AbortSignal = processSignal()): Promise<number> {
  const dir = options.dir ? resolve(io.cwd, options.dir) : webAppFolder();
  if (!existsSync(join(dir, 'index.html'))) {
    throw new VisorError(`${dir}: no index.html to serve`, {
      code: 'usage',
      file: dir,
      hint: options.dir ? 'give the folder of a built app (vite build output)' : 'build the app first: npm run build -w @visor/web',
    });
  }
  const served = await serveStatic(dir, { host: options.host, port: options.port });
  io.stdout.write(`Visor web app: ${served.url}  (serving ${dir}; cross-origin isolated, so wasm runs with threads; Ctrl-C stops)\n`);
  await new Promise<void>((ok) => (signal.aborted ? ok() : signal.addEventListener('abort', () => ok(), { once: true })));
  await served.close();
  return 0;
}

function processSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
