import { dirname } from 'node:path';
import { loadConfig, loadPlugin, prepareRun, RunSession, VisorError, type PipelineHooks, type VisorPlugin } from '@visor/core';
import { modelRuns } from './modelRuns.js';
import { MalformedJobError, parseJobData } from './parseJobData.js';
import type { QueueJobResult, QueueRun } from './QueueRun.js';

export interface JobProcessorOptions {
  /**
   * The plugins always there (the CLI's first-party ones), before the config's own `plugins:`, as the
   * enqueuer had them: plugin objects, or package names (loaded from the config's folder, then from
   * Visor's install) where objects cannot be passed (a sandbox thread).
   */
  builtins: (string | VisorPlugin)[];
  hooks?: PipelineHooks;
}

/**
 * A queue worker's unit of work: one job → `RunSession.process([task])`. The run's config, plugins and
 * model are loaded once and kept while jobs of the same run and model come; a job of another run (new run
 * id) or model closes the session and opens the new one. Before its first job a session checks that the
 * output folder's `run.json` was started with the same settings (the fingerprint): a worker whose config
 * or model file differs from the enqueuer's, or that picks another engine, would write other outputs, so
 * its jobs fail instead. The input's files are committed and its record written by the session (atomic
 * renames, the record last): a job redone after a crash overwrites the same names.
 */
export class JobProcessor {
  private current?: { key: string; session: Promise<RunSession> };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: JobProcessorOptions) {}

  /** Processes one job's data (jobs run one after the other). A malformed job throws a MalformedJobError. */
  process(data: unknown): Promise<QueueJobResult> {
    const next = this.queue.then(() => this.processNow(data));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async processNow(data: unknown): Promise<QueueJobResult> {
    const job = parseJobData(data);
    const session = await this.sessionFor(job.run, job.model);
    const [record] = await session.process([job.task]);
    return { status: record!.status, path: record!.path, files: record!.files.length, ...(record!.message ? { message: record!.message } : {}) };
  }

  private async sessionFor(run: QueueRun, model: string | null): Promise<RunSession> {
    const key = `${run.id}\0${model ?? ''}`;
    if (this.current?.key !== key) {
      const previous = this.current;
      this.current = undefined;
      if (previous) await (await previous.session.catch(() => undefined))?.close();
      const session = this.open(run, model);
      this.current = { key, session };
      // A session that could not open is forgotten: the next job tries again (the cause may be passing).
      session.catch(() => {
        if (this.current?.session === session) this.current = undefined;
      });
    }
    return this.current.session;
  }

  private async open(run: QueueRun, model: string | null): Promise<RunSession> {
    const baseDir = dirname(run.config);
    const { config, source } = await loadConfig(run.config);
    if (run.out) config.out = run.out;
    const builtins: VisorPlugin[] = [];
    for (const p of this.options.builtins) builtins.push(typeof p === 'string' ? await loadPlugin(p, baseDir) : p);
    const { registry, config: resolved } = await prepareRun(config, { file: run.config, source, baseDir, builtins });
    const part = modelRuns(resolved).find((m) => m.name === model);
    if (!part) {
      const names = resolved.models.flatMap((m) => (m.name ? [m.name] : []));
      const has = names.length ? `its models are ${names.join(', ')}` : 'it has a single, unnamed model';
      throw new MalformedJobError(`malformed job: model ${JSON.stringify(model)} is not in ${run.config} (${has})`);
    }
    const session = await RunSession.open(registry, part.config, this.options.hooks ?? {});
    try {
      const recorded = await session.manifest.readRun();
      if (!recorded) {
        throw new VisorError(`${part.config.out} has no run record (.visor/run.json): this worker does not see the output folder the run was enqueued with`, {
          code: 'config',
          file: part.config.out,
          hint: 'Run workers where the output folder is shared at the same path as on the machine that ran visor run --queue.',
        });
      }
      const fingerprint = await session.fingerprint();
      const changed = [...new Set([...Object.keys(recorded.fingerprint), ...Object.keys(fingerprint)])].filter(
        (k) => JSON.stringify(recorded.fingerprint[k]) !== JSON.stringify(fingerprint[k]),
      );
      if (changed.length) {
        throw new VisorError(
          `this worker's ${changed.join(', ')} differ(s) from the run enqueued in ${part.config.out}: its outputs would not match the others'`,
          {
            code: 'config',
            file: run.config,
            hint: 'Give every worker the same config, model file and engine as the enqueuer (the same files at the same paths, the same backend installed).',
          },
        );
      }
      session.info = recorded.info; // the enqueuer's run facts (start time, backend reason), as every record's renderers see them
      return session;
    } catch (e) {
      await session.close();
      throw e;
    }
  }

  /** Frees the open session (model, worker threads). */
  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await this.queue;
    if (current) await (await current.session.catch(() => undefined))?.close();
  }
}
