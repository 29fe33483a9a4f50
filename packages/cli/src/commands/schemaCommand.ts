import { buildConfigSchema, loadRegistry } from '@visor/core';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';

/** `visor schema`: the JSON Schema of a config, with every loaded plugin's options, for editors. */
export async function schemaCommand(extra: string[], io: CliIO): Promise<number> {
  const registry = await loadRegistry(extra, io.cwd, builtinPlugins);
  io.stdout.write(`${JSON.stringify(buildConfigSchema(registry), null, 2)}\n`);
  return 0;
}
