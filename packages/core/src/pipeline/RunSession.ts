import { nhwc } from '../methods/nhwc.js';
import { setMaxListeners } from 'node:events';
import type { Explanation } from '../contracts/Explanation.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { Predictions } from '../contracts/Predictions.js';
import type { RenderContext, Renderer } from '../contracts/Renderer.js';
import type { InputReport, RunInfo } from '../contracts/RunReport.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import type { ResolvedConfig } from '../config/VisorConfig.js';
import { isVisorError } from '../errors/VisorError.js';
import { loadModel } from '../model/loadModel.js';
import type { InputRecord, InputTask } from '../output/InputRecord.js';
import { OutputStage, type StagedFile } from '../output/OutputStage.js';
import { RunManifest, fileSource } from '../output/RunManifest.js';
import type { Registry } from '../plugins/Registry.js';
import { resolvePreprocess } from '../preprocess/resolvePreprocess.js';
import type { ResolvedPreprocess } from '../preprocess/PreprocessSpec.js';
import { WorkerPool } from '../workers/WorkerPool.js';
import type { ExplainPayload } from '../workers/ExplainPayload.js';
import { resolveWorkerCount } from '../workers/resolveWorkerCount.js';
import { scorerOver } from '../workers/scorerOver.js';
import { abortError, explainBatch, sameShapeGroups, type BatchInput, type BatchRun } from './explainBatch.js';
import { expandInputs } from './expandInputs.js';
import { loadMask, maskPathFor } from './maskFor.js';
import type { PipelineHooks } from './PipelineHooks.js';
import { prepareInput } from './prepareInput.js';
import { resolveLabels } from './resolveLabels.js';
import { summarizeInput } from './summarizeInput.js';
import { uniqueStems } from './uniqueStems.js';

/** A renderer of the run with its validated options. */
export interface RunRenderer {
  id: string;
  options: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
  renderer: Renderer<any>;
}

/** Whether a renderer streams (renders per input and/or summarises) rather than taking the whole run at once. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
export const isStreaming = (r: Renderer<any>): boolean => Boolean(r.renderInput || r.renderSummary);

/**
 * One model loaded with everything a run needs (labels, preprocessing, explainers, metrics, renderers,
 * worker threads), ready to explain inputs. The unit of work is `process(tasks)`: the inputs are decoded,
 * explained and measured, each input's files are rendered and committed, then its record is written to
 * the manifest (`out/.visor/inputs/<stem>.json`, atomically). A record exists only for an input whose
 * files are all in place, so a process killed at any point leaves complete inputs recorded and nothing
 * else trusted. `Pipeline.run` drives a session over the whole input list; a queue worker can open one
 * session and call `process([task])` per job.
 */
export class RunSession {
  /** Files committed in this session. */
  written = 0;
  /** Per renderer that failed on some input: the first message and how many inputs. */
  readonly rendererErrors = new Map<string, { message: string; inputs: number }>();
  /** Inputs explained in this session, kept for renderers that only take a whole run (`render`). */
  readonly legacyInputs: InputReport[] = [];

  private constructor(
    readonly config: ResolvedConfig,
    readonly hooks: PipelineHooks,
    readonly model: VisorModel,
    private readonly ownsModel: boolean,
    public info: RunInfo,
    readonly tasks: InputTask[],
    readonly manifest: RunManifest,
    readonly renderers: RunRenderer[],
    private readonly batch: Omit<BatchRun, 'signal' | 'parallel' | 'explainElsewhere'>,
    private readonly preprocess: ResolvedPreprocess,
    private readonly pool: WorkerPool | undefined,
  ) {}

  /** Loads the model (unless given), the labels and the worker threads, and lists the run's inputs. */
  static async open(registry: Registry, config: ResolvedConfig, hooks: PipelineHooks = {}, preloaded?: VisorModel): Promise<RunSession> {
    // Every worker task listens to the run's signal: many at once is expected, not a leak.
    if (hooks.signal) setMaxListeners(0, hooks.signal);
    const explainers = config.explainers.map((c) => ({ ...c, explainer: registry.explainer(c.id) }));
    const renderers = config.renderers.map((c) => ({ ...c, renderer: registry.renderer(c.id) }));
    const metrics = (config.metrics ?? []).map((c) => ({ ...c, metric: registry.metric(c.id) }));
    const files = await expandInputs(config.inputs, config.baseDir);
    const stems = uniqueStems(files);
    const tasks = files.map((path, index) => ({ index, path, stem: stems[index]! }));
    const loaded = preloaded
      ? { model: preloaded, reason: 'given by the caller' }
      : await loadModel(config.model, registry, {
          backend: config.backend,
          outputActivation: config.outputActivation,
          ...(config.threads !== undefined ? { threads: config.threads } : {}),
          ...(config.inputSize !== undefined ? { inputSize: config.inputSize } : {}),
        });
    const model = loaded.model;
    hooks.log?.('info', `backend: ${model.engine} (${loaded.reason})`);
    try {
      hooks.log?.(
        'verbose',
        `model: ${model.source} (${model.format}, input ${model.inputShape.join('×')}, ${model.numClasses} outputs, ${model.finalActivation})`,
      );
      const labels = await resolveLabels(config.labels, model.numClasses);
      const preprocess = resolvePreprocess(config.preprocess);
      const info: RunInfo = {
        model: {
          name: config.models.length === 1 ? (config.models[0]!.name ?? undefined) : undefined,
          source: model.source,
          format: model.format,
          inputShape: [...model.inputShape],
          numClasses: model.numClasses,
          finalActivation: model.finalActivation,
        },
        backend: model.engine,
        backendReason: loaded.reason,
        preprocess: { spec: config.preprocess, ...preprocess },
        explainers: config.explainers.map((e) => ({ id: e.id, options: e.options })),
        metrics: (config.metrics ?? []).map((m) => ({ id: m.id, options: m.options })),
        startedAt: new Date().toISOString(),
      };
      const pool = await startWorkers(config, model, labels, hooks);
      const batch = { model, labels, targets: config.targets, explainers, metrics, progress: hooks.progress };
      return new RunSession(config, hooks, model, !preloaded, info, tasks, new RunManifest(config.out), renderers, batch, preprocess, pool);
    } catch (e) {
      if (!preloaded) await model.dispose();
      throw e;
    }
  }

  /**
   * What the outputs depend on: `--resume` refuses to continue a run whose fingerprint differs. The input
   * list is not part of it (inputs added since are explained by the resumed run), nor are batch size,
   * worker and thread counts.
   */
  async fingerprint(): Promise<Record<string, unknown>> {
    const c = this.config;
    return {
      model: c.model,
      'model file': await fileSource(c.model),
      engine: this.model.engine,
      outputActivation: c.outputActivation,
      inputSize: c.inputSize ?? null,
      preprocess: c.preprocess,
      resize: c.resize,
      masks: c.masks ?? null,
      labels: c.labels ?? null,
      targets: c.targets,
      plugins: c.plugins,
      explainers: c.explainers,
      metrics: c.metrics ?? [],
      renderers: c.renderers,
    };
  }

  private get signal(): AbortSignal {
    return this.hooks.signal ?? new AbortController().signal;
  }

  private checkAbort(): void {
    if (this.hooks.signal?.aborted) throw abortError();
  }

  /**
   * Explains, measures, renders and records the given inputs (one batch; inputs of different sizes run
   * in groups of one size). An input that cannot be read is recorded as failed; the others go on. Returns
   * the records in task order. Throws a VisorError `aborted` when the run's signal fires (the input in
   * progress is then left without a record: its files are discarded or, if some were already committed,
   * redone by a resumed run).
   */
  async process(tasks: InputTask[]): Promise<InputRecord[]> {
    const records = new Map<number, InputRecord>();
    const prepared: (BatchInput & { task: InputTask })[] = [];
    for (const task of tasks) {
      this.checkAbort();
      try {
        const input = await prepareInput(task.path, this.model, this.preprocess, this.config.resize, this.config.inputSize);
        const maskPath = this.config.masks ? maskPathFor(task.path, this.config.masks, this.config.baseDir) : null;
        const mask = maskPath ? await loadMask(maskPath, task.path, { height: input.shape[0], width: input.shape[1] }, this.config.resize) : null;
        prepared.push({ ...input, stem: task.stem, mask, task });
      } catch (e) {
        if (!isVisorError(e) || e.code !== 'input') throw e;
        this.hooks.log?.('warn', `skipped ${task.path}: ${e.message}`);
        const record: InputRecord = {
          schema: 'visor/input-record@1',
          ...task,
          source: await fileSource(task.path),
          status: 'failed',
          message: e.message,
          files: [],
        };
        await this.manifest.record(record);
        records.set(task.index, record);
      }
    }
    for (const group of sameShapeGroups(prepared)) {
      const reports = await explainBatch(group, 0, this.batchRun(group));
      for (const [i, report] of reports.entries()) {
        const task = group[i]!.task;
        // inputIndex: the input's position in the run, not in the batch
        for (const e of report.explanations) e.inputIndex = task.index;
        for (const m of report.metrics ?? []) m.inputIndex = task.index;
        records.set(task.index, await this.complete(task, report));
      }
    }
    return tasks.map((t) => records.get(t.index)!);
  }

  /** Renders one explained input with every streaming renderer, commits its files, then records it. */
  private async complete(task: InputTask, report: InputReport): Promise<InputRecord> {
    this.hooks.onInput?.(report);
    const files: StagedFile[] = [];
    const failed: string[] = [];
    for (const { id, options, renderer } of this.renderers) {
      if (!isStreaming(renderer)) continue;
      if (!renderer.renderInput) continue;
      this.checkAbort();
      const stage = new OutputStage(this.config.out);
      try {
        await renderer.renderInput(report, this.info, this.renderContext(options, stage));
        this.checkAbort();
        files.push(...stage.files());
        this.written += (await stage.commit()).length;
      } catch (e) {
        await stage.discard();
        if (this.hooks.signal?.aborted || (isVisorError(e) && e.code === 'aborted')) throw abortError();
        const message = (e as Error)?.message ?? String(e);
        const seen = this.rendererErrors.get(id);
        if (seen) seen.inputs++;
        else this.rendererErrors.set(id, { message, inputs: 1 });
        failed.push(`renderer ${id}: ${message}`);
        this.hooks.log?.('warn', `renderer ${id} failed on ${task.path}, its files were discarded: ${message}`);
      }
    }
    if (this.renderers.some((r) => !isStreaming(r.renderer))) this.legacyInputs.push(report);
    const record: InputRecord = {
      schema: 'visor/input-record@1',
      ...task,
      source: await fileSource(task.path),
      status: failed.length ? 'failed' : 'done',
      ...(failed.length ? { message: failed.join('; ') } : {}),
      summary: summarizeInput(report, task.index),
      files,
    };
    await this.manifest.record(record);
    return record;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
  renderContext(options: Record<string, unknown>, stage: OutputStage, signal = this.signal): RenderContext<any> {
    return { options, outDir: this.config.out, write: (p, d) => stage.write(p, d), progress: (e) => this.hooks.progress?.(e), signal };
  }

  private batchRun(group: BatchInput[]): BatchRun {
    const pool = this.pool;
    const signal = this.signal;
    const hooks = this.hooks;
    const explainers = this.batch.explainers;
    // Several inputs and worker threads: image by image over the pool, put back in input, then explainer, order.
    const overPool =
      pool && group.length > 1
        ? async (input: NdArray, targets: number[][], predictions: Predictions): Promise<Explanation[][]> => {
            const [, h, w, c] = nhwc(input);
            const jobs = group.map((_, i) =>
              explainers.map(({ id, options }) => {
                const payload: ExplainPayload = {
                  explainer: id,
                  options,
                  input: input.data.slice(i * h * w * c, (i + 1) * h * w * c),
                  shape: [1, h, w, c],
                  targets: [targets[i]!],
                  predictions: { logits: [predictions.logits[i]!], probabilities: [predictions.probabilities[i]!] },
                };
                return pool.run<Explanation[]>('explain', payload, { label: `${id} on ${group[i]!.path}`, onProgress: hooks.progress, signal: hooks.signal });
              }),
            );
            try {
              const out: Explanation[][] = [];
              for (const perExplainer of jobs) out.push((await Promise.all(perExplainer)).flat());
              return out;
            } catch (e) {
              await Promise.allSettled(jobs.flat());
              if ((e as Error)?.name === 'AbortError' || signal.aborted) throw abortError();
              throw e;
            }
          }
        : undefined;
    return {
      ...this.batch,
      signal,
      ...(pool && group.length <= 1 ? { parallel: scorerOver(pool, hooks.signal) } : {}),
      ...(overPool ? { explainElsewhere: overPool } : {}),
    };
  }

  /** Ends the worker threads and frees the model (when the session loaded it). */
  async close(): Promise<void> {
    await this.pool?.close();
    if (this.ownsModel) await this.model.dispose();
  }
}

/**
 * With `workers` > 1: a pool of worker threads, each holding the backend, the model and the plugins once.
 * Batches of several inputs are spread image by image over it; a single input lends it to the explainers
 * as `ctx.parallel` (occlusion scores its batches there).
 */
async function startWorkers(config: ResolvedConfig, model: VisorModel, labels: string[], hooks: PipelineHooks): Promise<WorkerPool | undefined> {
  // An engine that already uses several threads per call (ONNX Runtime) gets fewer workers under 'auto'.
  const count = resolveWorkerCount(config.workers, 'workers', model.threads ?? 1);
  if (count <= 1) return undefined;
  const pool = await WorkerPool.start({
    init: {
      modelPath: config.model,
      backend: config.backend === 'auto' ? model.engine : config.backend,
      outputActivation: config.outputActivation,
      plugins: config.pluginSources ?? [],
      labels,
      ...(config.threads !== undefined ? { threads: config.threads } : {}),
      ...(config.inputSize !== undefined ? { inputSize: config.inputSize } : {}),
    },
    workers: count,
    onEvent: (e) => hooks.log?.(e.type === 'crash' ? 'warn' : 'verbose', `workers: ${JSON.stringify(e)}`),
  });
  hooks.log?.('verbose', `workers: ${pool.size} threads on ${pool.backend}`);
  return pool;
}
