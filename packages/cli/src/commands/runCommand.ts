import { loadConfig } from '@visor/core';
import { resolve } from 'node:path';
import type { CliIO } from '../CliIO.js';
import { runPipeline, type CommonFlags } from './runPipeline.js';

/**
 * `visor run <config.yaml> [--out DIR] [--resume]` (--out, relative to the current folder, replaces the config's
 * `out:`; --resume continues the run recorded in the output folder, skipping inputs that are complete).
 */
export async function runCommand(file: string, flags: CommonFlags & { out?: string; resume?: boolean }, io: CliIO): Promise<number> {
  const path = resolve(io.cwd, file);
  const { config, source } = await loadConfig(path);
  if (flags.out) config.out = resolve(io.cwd, flags.out);
  return runPipeline(config, { file, source, baseDir: resolve(path, '..') }, flags, io);
}
