import { loadConfig, VisorError } from '@visor/core';
import { resolve } from 'node:path';
import type { CliIO } from '../CliIO.js';
import { runPipeline, type CommonFlags } from './runPipeline.js';
import { runQueued, type RunQueuedFlags } from './runQueued.js';

/**
 * `visor run <config.yaml> [--out DIR] [--resume] [--queue redis://… [--detach] …]` (--out, relative to the current
 * folder, replaces the config's `out:`; --resume continues the run recorded in the output folder, skipping inputs
 * that are complete; --queue hands the inputs to `visor worker`s through Redis instead of explaining them here).
 */
export async function runCommand(
  file: string,
  flags: CommonFlags & { out?: string; resume?: boolean } & Partial<Omit<RunQueuedFlags, keyof CommonFlags>>,
  io: CliIO,
): Promise<number> {
  if (flags.queue !== undefined) return runQueued(file, { ...flags, queue: flags.queue }, io);
  const queueOnly = (['detach', 'attempts', 'backoff', 'queueName'] as const).filter((k) => flags[k] !== undefined && flags[k] !== false);
  if (queueOnly.length) {
    const option = { detach: '--detach', attempts: '--attempts', backoff: '--backoff', queueName: '--queue-name' }[queueOnly[0]!];
    throw new VisorError(`${option} only applies with --queue redis://host:port/db`, { code: 'usage' });
  }
  const path = resolve(io.cwd, file);
  const { config, source } = await loadConfig(path);
  if (flags.out) config.out = resolve(io.cwd, flags.out);
  return runPipeline(config, { file, source, baseDir: resolve(path, '..') }, flags, io);
}
