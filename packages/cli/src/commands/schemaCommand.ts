import { buildConfigSchema, prepareRun } from '@visor/core';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';

/** `visor schema`: the JSON Schema of a config, with every loaded plugin's options, for editors. */
export async function schemaCommand(extra: string[], io: CliIO): Promise<number> {
  const { registry } = await prepareRun(
    { model: '-', inputs: ['-'], explainers: [], plugins: extra },
    { file: '<visor schema>', baseDir: io.cwd, builtins: builtinPlugins },
  );
  io.stdout.write(`${JSON.stringify(buildConfigSchema(registry), null, 2)}\n`);
  return 0;
}
