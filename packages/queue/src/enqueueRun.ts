import { randomUUID } from 'node:crypto';
import { RunSession, VisorError, type InputTask, type PipelineHooks, type Registry, type ResolvedConfig } from '@visor/core';
import { jobId } from './jobId.js';
import { modelRuns } from './modelRuns.js';
import { pendingTasks } from './pendingTasks.js';
import type { QueueRun } from './QueueRun.js';
import { RunQueue, type EnqueueOptions } from './RunQueue.js';

export interface EnqueueRunOptions extends Pick<EnqueueOptions, 'attempts' | 'backoffMs'> {
  queue: RunQueue;
  registry: Registry;
  /** The prepared config (`prepareRun`). */
  config: ResolvedConfig;
  /** The config file, absolute: workers open it again. */
  configFile: string;
  /** The output folder given on the command line (absolute), or null for the config's `out:`. */
  out: string | null;
  /** Continue the run recorded in the output folder (and in the queue, if its jobs are still there). */
  resume?: boolean;
  hooks?: PipelineHooks;
}

/** One model's part of an enqueued run. */
export interface EnqueuedModel {
  name: string | null;
  out: string;
  /** Every input, in order (the summary needs them all). */
  tasks: InputTask[];
  /** Inputs a resumed run found complete. */
  skipped: number;
  /** Inputs given to the queue (or already waiting in it). */
  pending: number;
  /** Jobs added now. */
  added: number;
}

/**
 * The enqueuer's side of `visor run --queue`: per model, loads it once (for the run's facts and the
 * fingerprint the workers check), starts or resumes the manifest in its output folder, and adds one job per
 * pending input, its stem computed once over the whole input list. A queue that still has unfinished jobs of
 * another run is refused (nothing is changed); `resume` of the same config and output folder joins them.
 */
export async function enqueueRun(o: EnqueueRunOptions): Promise<{ run: QueueRun; models: EnqueuedModel[]; joined: boolean }> {
  const { queue, hooks = {} } = o;
  const counts = await queue.counts();
  const previous = await queue.readRun();
  const unfinished = RunQueue.unfinished(counts);
  const same = previous !== null && previous.config === o.configFile && previous.out === o.out;
  if (unfinished > 0 && !(o.resume && same)) {
    const whose = previous
      ? `the run of ${previous.config}${previous.out ? ` (out ${previous.out})` : ''}, enqueued ${previous.enqueuedAt}`
      : 'jobs of an unknown run';
    throw new VisorError(`the queue "${queue.name}" at ${queue.address.display} still has ${unfinished} unfinished job(s) of ${whose}.`, {
      code: 'usage',
      hint: same
        ? 'Add --resume to continue that run, or wait until it is done (visor status --queue …).'
        : 'Wait until it is done (visor status --queue …), or use another --queue-name or Redis database (redis://host:port/1).',
    });
  }
  const joined = unfinished > 0;
  if (!joined) await queue.clear();
  const models: EnqueuedModel[] = [];
  const pendingOf = new Map<EnqueuedModel, InputTask[]>();
  for (const { name, config } of modelRuns(o.config)) {
    if (name) hooks.log?.('info', `model ${name}: ${config.model}`);
    // The enqueuer only needs the model's facts: no worker threads.
    const session = await RunSession.open(o.registry, { ...config, workers: 1 }, hooks);
    try {
      const started = await session.manifest.start(o.resume ? 'resume' : 'fresh', await session.fingerprint(), session.info);
      const { pending, skipped } = started.resumed ? await pendingTasks(session.manifest, session.tasks, hooks) : { pending: session.tasks, skipped: 0 };
      if (started.resumed)
        hooks.log?.('info', `resuming${name ? ` ${name}` : ''}: ${skipped} of ${session.tasks.length} input(s) already done, ${pending.length} to explain`);
      const model: EnqueuedModel = { name, out: config.out, tasks: session.tasks, skipped, pending: pending.length, added: 0 };
      models.push(model);
      pendingOf.set(model, pending);
    } finally {
      await session.close();
    }
  }
  const run: QueueRun = {
    schema: 'visor/queue-run@1',
    id: joined && previous ? previous.id : randomUUID(),
    config: o.configFile,
    out: o.out,
    models: models.map((m) => ({ name: m.name, out: m.out, inputs: m.tasks.length })),
    enqueuedAt: joined && previous ? previous.enqueuedAt : new Date().toISOString(),
  };
  await queue.writeRun(run);
  for (const m of models) {
    const jobs = pendingOf.get(m)!.map((task) => ({ id: jobId(m.name, task.stem), data: { run, model: m.name, task } }));
    m.added = await queue.add(jobs, { attempts: o.attempts, backoffMs: o.backoffMs, replaceFinished: joined });
  }
  return { run, models, joined };
}
