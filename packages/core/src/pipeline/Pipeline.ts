import { rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { VisorModel } from '../contracts/VisorModel.js';
import type { ResolvedConfig } from '../config/VisorConfig.js';
import { isVisorError } from '../errors/VisorError.js';
import type { InputTask } from '../output/InputRecord.js';
import type { Registry } from '../plugins/Registry.js';
import type { PipelineHooks } from './PipelineHooks.js';
import type { RunOutcome } from './RunOutcome.js';
import { RunSession, isStreaming } from './RunSession.js';
import { writeSummary } from './writeSummary.js';

export interface PipelineRunOptions {
  /** Run on this model instead of loading `config.model` (the caller keeps and frees it). */
  model?: VisorModel;
  /**
   * Continue the run recorded in `config.out`: inputs whose record is complete and whose files still match
   * are skipped, everything else is explained. Refused when the config's outputs would differ.
   */
  resume?: boolean;
}

/**
 * config → backend → model → inputs → predictions (once, shared) → explainers → metrics → renderers,
 * streamed: batch by batch, each input's files are rendered and committed and the input recorded in the
 * manifest (`out/.visor/`) as soon as its batch is explained, and nothing of it is kept; a summary step at
 * the end writes the run-level files from the records. Memory does not grow with the number of inputs
 * (unless a renderer only takes a whole run). An interrupted run keeps every complete input and the
 * summary of them; `resume` finishes it.
 */
export class Pipeline {
  constructor(
    readonly registry: Registry,
    readonly hooks: PipelineHooks = {},
  ) {}

  private log(level: 'info' | 'verbose' | 'warn', message: string): void {
    this.hooks.log?.(level, message);
  }

  /**
   * Runs the config once per model it names (`model: { clean: …, other: … }`), each into out/<name>/;
   * a single `model: path` writes to out/ itself. Stops after a run that was interrupted.
   */
  async runAll(config: ResolvedConfig, options: Omit<PipelineRunOptions, 'model'> = {}): Promise<{ name: string | null; outcome: RunOutcome }[]> {
    const results: { name: string | null; outcome: RunOutcome }[] = [];
    for (const m of config.models) {
      if (m.name) this.log('info', `model ${m.name}: ${m.path}`);
      const outcome = await this.run({ ...config, model: m.path, models: [m], out: m.name ? join(config.out, m.name) : config.out }, options);
      results.push({ name: m.name, outcome });
      if (outcome.interrupted) break;
    }
    return results;
  }

  async run(config: ResolvedConfig, options: PipelineRunOptions = {}): Promise<RunOutcome> {
    const session = await RunSession.open(this.registry, config, this.hooks, options.model);
    const outExisted = await stat(config.out).then(
      () => true,
      () => false,
    );
    let committedAny = false;
    try {
      const { manifest, tasks } = session;
      const started = await manifest.start(options.resume ? 'resume' : 'fresh', await session.fingerprint(), session.info);
      session.info = started.info;
      if (options.resume && !started.resumed) this.log('info', `nothing recorded in ${config.out} yet: starting the run`);
      if (session.renderers.some((r) => !isStreaming(r.renderer))) {
        const legacy = session.renderers.filter((r) => !isStreaming(r.renderer)).map((r) => r.id);
        this.log('verbose', `renderer(s) ${legacy.join(', ')} take the whole run at once: every input is kept in memory until the end`);
      }
      const pending: InputTask[] = [];
      let skipped = 0;
      if (started.resumed) {
        const removed = await manifest.removeStaleTemps();
        if (removed) this.log('verbose', `removed ${removed} temporary file(s) left by an interrupted run`);
        for (const task of tasks) {
          const record = await manifest.read(task);
          const problem = record ? await manifest.check(record) : 'not recorded';
          if (problem === null) skipped++;
          else {
            if (record) this.log('verbose', `redoing ${task.path}: ${problem}`);
            pending.push(task);
          }
        }
        this.log('info', `resuming: ${skipped} of ${tasks.length} input(s) already done, ${pending.length} to explain`);
      } else pending.push(...tasks);

      const total = tasks.length;
      let done = skipped;
      let explained = 0;
      let interrupted = false;
      this.hooks.progress?.({ stage: 'inputs', done, total });
      try {
        for (let start = 0; start < pending.length; start += config.batchSize) {
          if (this.hooks.signal?.aborted) throw new Error('aborted');
          const batch = pending.slice(start, start + config.batchSize);
          const records = await session.process(batch);
          committedAny ||= records.length > 0;
          explained += records.filter((r) => r.summary).length;
          done += batch.length;
          this.hooks.progress?.({ stage: 'inputs', done, total });
        }
      } catch (e) {
        if (!this.hooks.signal?.aborted && !(isVisorError(e) && e.code === 'aborted')) throw e;
        interrupted = true;
      }
      const { summary, written, rendererErrors } = await writeSummary({
        outDir: config.out,
        info: session.info,
        tasks,
        manifest,
        renderers: session.renderers,
        legacyInputs: session.legacyInputs,
        hooks: this.hooks,
      });
      const errors = [
        ...[...session.rendererErrors].map(([id, e]) => ({ id, message: e.inputs > 1 ? `${e.message} (and on ${e.inputs - 1} more input(s))` : e.message })),
        ...rendererErrors,
      ];
      return {
        summary,
        explained,
        skipped,
        written: session.written + written,
        rendererErrors: errors,
        interrupted,
        exitCode: interrupted ? 130 : summary.failures.length || errors.length ? 1 : 0,
      };
    } catch (e) {
      // A run that fails before any input is complete (a bad option, a model that cannot compute what a
      // method needs) leaves no half-written output: its manifest goes, and the out folder if it made it.
      if (!committedAny && !options.resume) await removeFreshOutput(config.out, outExisted);
      throw e;
    } finally {
      await session.close();
    }
  }
}

/** Removes the run's manifest folder, and `out` itself when this run created it and nothing else is in it. */
async function removeFreshOutput(out: string, existed: boolean): Promise<void> {
  await rm(join(out, '.visor'), { recursive: true, force: true });
  if (!existed) await rmdir(out).catch(() => undefined);
}
