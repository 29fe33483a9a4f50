#!/usr/bin/env node
// The `visor` command. A committed shim (not the compiled file itself) so that npm links the command
// on a fresh `npm ci`, before anything is built; it runs the compiled CLI.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('visor: the CLI is not built yet. Run `npm run build` (or `npm run demo`) in the Visor repository first.\n');
  process.exitCode = 2;
} else {
  await import(compiled.href);
}
