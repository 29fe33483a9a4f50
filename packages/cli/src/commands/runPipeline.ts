import { Pipeline, prepareRun, type ConfigSource, type VisorConfig } from '@visor/core';
import { relative } from 'node:path';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';
import { Reporter } from '../Reporter.js';

export interface CommonFlags {
  quiet: boolean;
  verbose: boolean;
}

/** Prepares and runs a pipeline with a progress display and Ctrl-C handling; returns the exit code. */
export async function runPipeline(config: VisorConfig, where: { file: string; source?: ConfigSource; baseDir?: string }, flags: CommonFlags, io: CliIO): Promise<number> {
  const { registry, config: resolved } = await prepareRun(config, { ...where, builtins: builtinPlugins });
  const reporter = new Reporter({ quiet: flags.quiet, verbose: flags.verbose, tty: io.tty, stderr: io.stderr });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    reporter.log('warn', 'interrupted: stopping after the current step (Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const results = await new Pipeline(registry, { progress: reporter.progress, log: reporter.log, signal: controller.signal }).runAll(resolved);
    reporter.stop();
    const methods = resolved.explainers.map((e) => e.id).join(', ');
    let exitCode = 0;
    for (const { name, outcome } of results) {
      const { report } = outcome;
      const out = relative(io.cwd, name ? `${resolved.out}/${name}` : resolved.out) || '.';
      if (!flags.quiet) {
        io.stderr.write(
          `${name ? `[${name}] ` : ''}explained ${report.inputs.length} input(s) with ${methods} on ${report.backend}; wrote ${outcome.written.length} file(s) to ${out}\n`,
        );
      }
      if (report.failures.length) {
        io.stderr.write(`${report.failures.length} input(s) failed:\n${report.failures.map((f) => `  ${f.message}`).join('\n')}\n`);
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
