import { Pipeline, prepareRun, type ConfigSource, type VisorConfig } from '@visor/core';
import { relative } from 'node:path';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';
import { Reporter } from '../Reporter.js';

export interface CommonFlags {
  quiet: boolean;
  verbose: boolean;
}

/**
 * Prepares and runs a pipeline with a progress display and Ctrl-C handling; returns the exit code.
 * Ctrl-C stops after the current step, keeps every complete input and writes the summary of them (exit 130);
 * a second Ctrl-C quits at once (complete inputs are still kept: they are recorded as they finish).
 */
export async function runPipeline(
  config: VisorConfig,
  where: { file: string; source?: ConfigSource; baseDir?: string },
  flags: CommonFlags & { resume?: boolean },
  io: CliIO,
): Promise<number> {
  const { registry, config: resolved } = await prepareRun(config, { ...where, builtins: builtinPlugins });
  const reporter = new Reporter({ quiet: flags.quiet, verbose: flags.verbose, tty: io.tty, stderr: io.stderr });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    reporter.log('warn', 'interrupted: stopping after the current step, keeping what is complete (Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const pipeline = new Pipeline(registry, { progress: reporter.progress, log: reporter.log, signal: controller.signal });
    const results = await pipeline.runAll(resolved, { resume: Boolean(flags.resume) });
    reporter.stop();
    const methods = resolved.explainers.map((e) => e.id).join(', ');
    let exitCode = 0;
    for (const { name, outcome } of results) {
      const { summary } = outcome;
      const out = relative(io.cwd, name ? `${resolved.out}/${name}` : resolved.out) || '.';
      const tag = name ? `[${name}] ` : '';
      if (outcome.interrupted) {
        // Said even with --quiet: the user must know what was kept and how to finish.
        io.stderr.write(
          `${tag}interrupted: kept ${summary.inputs.length} of ${summary.total} input(s) complete in ${out} (their files, results.jsonl and the summary); ` +
            `visor run --resume <config> explains the other ${summary.total - summary.inputs.length}\n`,
        );
      } else if (!flags.quiet) {
        const skipped = outcome.skipped ? ` (${outcome.skipped} already done, skipped)` : '';
        io.stderr.write(
          `${tag}explained ${summary.inputs.length} input(s)${skipped} with ${methods} on ${summary.backend}; wrote ${outcome.written} file(s) to ${out}\n`,
        );
      }
      if (summary.failures.length) {
        io.stderr.write(`${summary.failures.length} input(s) failed:\n${summary.failures.map((f) => `  ${f.message}`).join('\n')}\n`);
      }
      for (const r of outcome.rendererErrors) io.stderr.write(`renderer ${r.id} failed (its files were discarded): ${r.message}\n`);
      exitCode = Math.max(exitCode, outcome.exitCode);
    }
    return exitCode;
  } finally {
    reporter.stop();
    process.off('SIGINT', onSigint);
  }
}
