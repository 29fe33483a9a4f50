import { loadConfig, prepareRun } from '@visor/core';
import { checkRedis, enqueueRun, parseQueueUrl, RunQueue, summarizeRun, waitForDrain } from '@visor/queue';
import { dirname, relative, resolve } from 'node:path';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';
import { Reporter } from '../Reporter.js';
import { positiveInt, type QueueFlags } from './queueFlags.js';
import type { CommonFlags } from './runPipeline.js';

export interface RunQueuedFlags extends CommonFlags, QueueFlags {
  out?: string;
  resume?: boolean;
  /** Return once the jobs are enqueued (the summary is then written by `visor summarize`). */
  detach?: boolean;
  attempts?: number;
  /** Delay before a failed job's first retry, in ms (doubled at each retry). */
  backoff?: number;
}

/**
 * `visor run --queue redis://… <config>`: checks Redis (exit 2 if it cannot be used, before anything is
 * loaded), enqueues one job per pending input, then waits until workers (`visor worker`) have processed
 * them all and writes the run's summary (tables, report index) from the records; `--detach` returns after
 * enqueueing. Exit 1 when an input or job failed; Ctrl-C stops waiting (exit 130; the jobs stay queued).
 */
export async function runQueued(file: string, flags: RunQueuedFlags, io: CliIO): Promise<number> {
  const address = parseQueueUrl(flags.queue);
  const attempts = positiveInt(flags.attempts, '--attempts');
  const backoffMs = positiveInt(flags.backoff, '--backoff', 0);
  await checkRedis(address);
  const path = resolve(io.cwd, file);
  const { config, source } = await loadConfig(path);
  const out = flags.out ? resolve(io.cwd, flags.out) : null;
  if (out) config.out = out;
  const { registry, config: resolved } = await prepareRun(config, { file, source, baseDir: dirname(path), builtins: builtinPlugins });
  const reporter = new Reporter({ quiet: flags.quiet, verbose: flags.verbose, tty: io.tty, stderr: io.stderr });
  const queue = RunQueue.open(address, flags.queueName);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const { models } = await enqueueRun({
      queue,
      registry,
      config: resolved,
      configFile: path,
      out,
      resume: flags.resume,
      attempts,
      backoffMs,
      hooks: { log: reporter.log },
    });
    const pending = models.reduce((n, m) => n + m.pending, 0);
    const added = models.reduce((n, m) => n + m.added, 0);
    const skipped = models.reduce((n, m) => n + m.skipped, 0);
    const where = `${address.display}${queue.name === 'visor' ? '' : ` (queue ${queue.name})`}`;
    const nameFlag = flags.queueName ? ` --queue-name ${flags.queueName}` : '';
    reporter.log(
      'info',
      `enqueued ${added} job(s) on ${where}${pending > added ? `, ${pending - added} already queued` : ''}${skipped ? ` (${skipped} input(s) already done)` : ''}`,
    );
    if (flags.detach) {
      reporter.log(
        'info',
        `workers: visor worker --queue ${address.display}${nameFlag}; progress: visor status --queue ${address.display}${nameFlag}; when done: visor summarize ${file}${flags.out ? ` --out ${flags.out}` : ''}`,
      );
      return 0;
    }
    reporter.log('info', `waiting for workers (visor worker --queue ${address.display}${nameFlag}); Ctrl-C stops waiting, the jobs stay queued`);
    try {
      await waitForDrain(queue, {
        signal: controller.signal,
        onCounts: (c) => {
          const total = RunQueue.unfinished(c) + c.completed + c.failed;
          reporter.progress({ stage: 'inputs', done: c.completed + c.failed, total });
        },
      });
    } catch (e) {
      if (!controller.signal.aborted) throw e;
      reporter.stop();
      io.stderr.write(
        `stopped waiting: the jobs stay queued and workers go on; visor status --queue ${address.display}${nameFlag} shows progress, visor summarize ${file} writes the summary when they are done\n`,
      );
      return 130;
    }
    const summaries = await summarizeRun(registry, resolved, models, { log: reporter.log });
    const failedJobs = await queue.failures(1000);
    reporter.stop();
    let exitCode = 0;
    const methods = resolved.explainers.map((e) => e.id).join(', ');
    for (const s of summaries) {
      const tag = s.name ? `[${s.name}] ` : '';
      const dir = relative(io.cwd, s.out) || '.';
      if (!flags.quiet) {
        io.stderr.write(
          `${tag}explained ${s.summary.inputs.length} of ${s.summary.total} input(s) with ${methods} on ${s.summary.backend} (queue workers); wrote the summary (${s.written} file(s)) to ${dir}\n`,
        );
      }
      if (s.summary.failures.length) {
        io.stderr.write(`${tag}${s.summary.failures.length} input(s) failed:\n${s.summary.failures.map((f) => `  ${f.path}: ${f.message}`).join('\n')}\n`);
        exitCode = 1;
      }
      for (const r of s.rendererErrors) {
        io.stderr.write(`${tag}renderer ${r.id} failed on the summary (its files were discarded): ${r.message}\n`);
        exitCode = 1;
      }
    }
    if (failedJobs.length) {
      io.stderr.write(`${failedJobs.length} job(s) failed:\n${failedJobs.map((j) => `  ${j.id}${j.path ? ` (${j.path})` : ''}: ${j.message}`).join('\n')}\n`);
      exitCode = 1;
    }
    return exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    reporter.stop();
    await queue.close();
  }
}
