import { expandInputs, loadConfig, prepareRun, uniqueStems } from '@visor/core';
import { modelRuns, summarizeRun } from '@visor/queue';
import { dirname, relative, resolve } from 'node:path';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';
import { Reporter } from '../Reporter.js';
import type { CommonFlags } from './runPipeline.js';

/**
 * `visor summarize <config> [--out DIR]`: writes the run's summary (results.jsonl/.csv, metric tables, the
 * renderers' run-level files such as the report index) from the records in the output folder, without the
 * model. For a run whose inputs were explained elsewhere (`visor run --queue --detach`), or to refresh the
 * summary while workers are still at it. Exit 1 when some input failed.
 */
export async function summarizeCommand(file: string, flags: CommonFlags & { out?: string }, io: CliIO): Promise<number> {
  const path = resolve(io.cwd, file);
  const { config, source } = await loadConfig(path);
  if (flags.out) config.out = resolve(io.cwd, flags.out);
  const { registry, config: resolved } = await prepareRun(config, { file, source, baseDir: dirname(path), builtins: builtinPlugins });
  const reporter = new Reporter({ quiet: flags.quiet, verbose: flags.verbose, tty: false, stderr: io.stderr });
  const files = await expandInputs(resolved.inputs, resolved.baseDir);
  const stems = uniqueStems(files);
  const tasks = files.map((p, index) => ({ index, path: p, stem: stems[index]! }));
  const models = modelRuns(resolved).map((m) => ({ name: m.name, out: m.config.out, tasks }));
  const summaries = await summarizeRun(registry, resolved, models, { log: reporter.log });
  let exitCode = 0;
  for (const s of summaries) {
    const tag = s.name ? `[${s.name}] ` : '';
    const failed = s.summary.failures.length;
    if (!flags.quiet) {
      io.stderr.write(
        `${tag}summarized ${s.summary.inputs.length} of ${s.summary.total} input(s)${failed ? `, ${failed} failed` : ''}; wrote ${s.written} file(s) to ${relative(io.cwd, s.out) || '.'}\n`,
      );
    }
    if (failed) {
      io.stderr.write(`${tag}${failed} input(s) failed:\n${s.summary.failures.map((f) => `  ${f.path}: ${f.message}`).join('\n')}\n`);
      exitCode = 1;
    }
    for (const r of s.rendererErrors) {
      io.stderr.write(`${tag}renderer ${r.id} failed on the summary (its files were discarded): ${r.message}\n`);
      exitCode = 1;
    }
  }
  return exitCode;
}
