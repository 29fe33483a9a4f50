import { loadConfig } from '@visor/core';
import { resolve } from 'node:path';
import type { CliIO } from '../CliIO.js';
import { runPipeline, type CommonFlags } from './runPipeline.js';

/** `visor run <config.yaml>` */
export async function runCommand(file: string, flags: CommonFlags, io: CliIO): Promise<number> {
  const path = resolve(io.cwd, file);
  const { config, source } = await loadConfig(path);
  return runPipeline(config, { file, source, baseDir: resolve(path, '..') }, flags, io);
}
