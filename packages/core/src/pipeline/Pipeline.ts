import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Explanation } from '../contracts/Explanation.js';
import type { InputFailure, InputReport, RunReport } from '../contracts/RunReport.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import type { ResolvedConfig } from '../config/VisorConfig.js';
import { VisorError, isVisorError } from '../errors/VisorError.js';
import { OutputStage } from '../output/OutputStage.js';
import type { Registry } from '../plugins/Registry.js';
import type { NdArray } from '../contracts/NdArray.js';
import { loadModel } from '../model/loadModel.js';
import { expandInputs } from './expandInputs.js';
import { loadMask, maskPathFor } from './maskFor.js';
import { prepareInput } from './prepareInput.js';
import { abortError, explainBatch, sameShapeGroups, type BatchInput } from './explainBatch.js';
import { resolveLabels } from './resolveLabels.js';
import { resolvePreprocess } from '../preprocess/resolvePreprocess.js';
import type { PipelineHooks } from './PipelineHooks.js';
import type { RunOutcome } from './RunOutcome.js';
import { uniqueStems } from './uniqueStems.js';
import { WorkerPool } from '../workers/WorkerPool.js';
import { resolveWorkerCount } from '../workers/resolveWorkerCount.js';
import { scorerOver } from '../workers/scorerOver.js';
import type { ExplainPayload } from '../workers/ExplainPayload.js';
import type { Predictions } from '../contracts/Predictions.js';

/** An input ready for a batch: decoded, fitted, preprocessed, named, with its ground-truth mask if the config gives one. */
type Prepared = BatchInput;


/**
 * config → backend → model → inputs → predictions (once, shared) → explainers → renderers.
 * Data flows forward once: each input is decoded once, each batch predicted once, and renderers only
 * read the report. Outputs are staged per renderer and committed atomically.
 */
export class Pipeline {
  constructor(
    readonly registry: Registry,
    readonly hooks: PipelineHooks = {},
  ) {}

  private log(level: 'info' | 'verbose' | 'warn', message: string): void {
    this.hooks.log?.(level, message);
  }

  private checkAbort(): void {
    if (this.hooks.signal?.aborted) throw abortError();
  }

  /**
   * Runs the config once per model it names (`model: { clean: …, other: … }`), each into out/<name>/;
   * a single `model: path` writes to out/ itself. Exit code: the worst of the runs.
   */
  async runAll(config: ResolvedConfig): Promise<{ name: string | null; outcome: RunOutcome }[]> {
    const results: { name: string | null; outcome: RunOutcome }[] = [];
    for (const m of config.models) {
      if (m.name) this.log('info', `model ${m.name}: ${m.path}`);
      const outcome = await this.run({ ...config, model: m.path, models: [m], out: m.name ? join(config.out, m.name) : config.out });
      results.push({ name: m.name, outcome });
    }
    return results;
  }

  async run(config: ResolvedConfig, preloaded?: VisorModel): Promise<RunOutcome> {
    const startedAt = new Date().toISOString();
    // Every worker task listens to the run's signal: many at once is expected, not a leak.
    if (this.hooks.signal) setMaxListeners(0, this.hooks.signal);
    const explainers = config.explainers.map((c) => ({ ...c, explainer: this.registry.explainer(c.id) }));
    const renderers = config.renderers.map((c) => ({ ...c, renderer: this.registry.renderer(c.id) }));
    const metrics = (config.metrics ?? []).map((c) => ({ ...c, metric: this.registry.metric(c.id) }));
    const files = await expandInputs(config.inputs, config.baseDir);
    const loaded = preloaded
      ? { model: preloaded, reason: 'given by the caller' }
      : await loadModel(config.model, this.registry, {
          backend: config.backend,
          outputActivation: config.outputActivation,
          ...(config.threads !== undefined ? { threads: config.threads } : {}),
          ...(config.inputSize !== undefined ? { inputSize: config.inputSize } : {}),
        });
    const model = loaded.model;
    this.log('info', `backend: ${model.engine} (${loaded.reason})`);
    let pool: WorkerPool | undefined;
    try {
      this.log('verbose', `model: ${model.source} (${model.format}, input ${model.inputShape.join('×')}, ${model.numClasses} outputs, ${model.finalActivation})`);
      const labels = await resolveLabels(config.labels, model.numClasses);
      const preprocess = resolvePreprocess(config.preprocess);
      const stems = uniqueStems(files);
      pool = await this.startWorkers(config, model, labels);
      const inputs: InputReport[] = [];
      const failures: InputFailure[] = [];
      const total = files.length;
      let done = 0;
      this.hooks.progress?.({ stage: 'inputs', done, total });
      for (let start = 0; start < files.length; start += config.batchSize) {
        this.checkAbort();
        const prepared: Prepared[] = [];
        for (let i = start; i < Math.min(files.length, start + config.batchSize); i++) {
          try {
            const input = await prepareInput(files[i], model, preprocess, config.resize);
            const maskPath = config.masks ? maskPathFor(files[i], config.masks, config.baseDir) : null;
            const mask = maskPath ? await loadMask(maskPath, files[i], { height: input.shape[0], width: input.shape[1] }, config.resize) : null;
            prepared.push({ ...input, stem: stems[i], mask });
          } catch (e) {
            if (!isVisorError(e) || e.code !== 'input') throw e;
            failures.push({ path: files[i], message: e.message });
            this.log('warn', `skipped ${files[i]}: ${e.message}`);
            done++;
          }
        }
        // Inputs of different sizes (models that accept any size) cannot share a tensor: run them one by one.
        const groups = sameShapeGroups(prepared);
        for (const group of groups) {
          inputs.push(...(await this.explainBatch(group, inputs.length, model, labels, config, explainers, metrics, pool)));
          done += group.length;
          this.hooks.progress?.({ stage: 'inputs', done, total });
        }
      }
      this.checkAbort();
      const report: RunReport = {
        model: {
          name: config.models.length === 1 ? config.models[0].name ?? undefined : undefined,
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
        inputs,
        failures,
        startedAt,
      };
      const written: string[] = [];
      const rendererErrors: { id: string; message: string }[] = [];
      for (const { id, options, renderer } of renderers) {
        this.checkAbort();
        const stage = new OutputStage(config.out);
        try {
          await renderer.render(report, {
            options,
            outDir: config.out,
            write: (p, d) => stage.write(p, d),
            progress: (e) => this.hooks.progress?.(e),
            signal: this.hooks.signal ?? new AbortController().signal,
          });
          this.checkAbort();
          written.push(...(await stage.commit()));
        } catch (e) {
          await stage.discard();
          if (isVisorError(e) && e.code === 'aborted') throw e;
          const message = (e as Error)?.message ?? String(e);
          rendererErrors.push({ id, message });
          this.log('warn', `renderer ${id} failed, its files were discarded: ${message}`);
        }
      }
      return { report, written, rendererErrors, exitCode: failures.length || rendererErrors.length ? 1 : 0 };
    } finally {
      await pool?.close();
      if (!preloaded) await model.dispose();
    }
  }

  /**
   * With `workers` > 1: a pool of worker threads, each holding the backend, the model and the plugins once.
   * Batches of several inputs are spread image by image over it; a single input lends it to the explainers
   * as `ctx.parallel` (occlusion scores its batches there).
   */
  private async startWorkers(config: ResolvedConfig, model: VisorModel, labels: string[]): Promise<WorkerPool | undefined> {
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
      onEvent: (e) => this.log(e.type === 'crash' ? 'warn' : 'verbose', `workers: ${JSON.stringify(e)}`),
    });
    this.log('verbose', `workers: ${pool.size} threads on ${pool.backend}`);
    return pool;
  }

  private async explainBatch(
    group: Prepared[],
    offset: number,
    model: VisorModel,
    labels: string[],
    config: ResolvedConfig,
    explainers: { id: string; options: Record<string, unknown>; explainer: ReturnType<Registry['explainer']> }[],
    metrics: { id: string; options: Record<string, unknown>; metric: ReturnType<Registry['metric']> }[],
    pool?: WorkerPool,
  ): Promise<InputReport[]> {
    const signal = this.hooks.signal ?? new AbortController().signal;
    // Several inputs and worker threads: image by image over the pool, put back in input, then explainer, order.
    const overPool =
      pool && group.length > 1
        ? async (input: NdArray, targets: number[][], predictions: Predictions): Promise<Explanation[][]> => {
            const [, h, w, c] = input.shape;
            const jobs = group.map((_, i) =>
              explainers.map(({ id, options }) => {
                const payload: ExplainPayload = {
                  explainer: id,
                  options,
                  input: input.data.slice(i * h * w * c, (i + 1) * h * w * c),
                  shape: [1, h, w, c],
                  targets: [targets[i]],
                  predictions: { logits: [predictions.logits[i]], probabilities: [predictions.probabilities[i]] },
                };
                return pool.run<Explanation[]>('explain', payload, { label: `${id} on ${group[i].path}`, onProgress: this.hooks.progress, signal: this.hooks.signal });
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
    return explainBatch(group, offset, {
      model,
      labels,
      targets: config.targets,
      explainers,
      metrics,
      progress: this.hooks.progress,
      signal,
      ...(pool && group.length <= 1 ? { parallel: scorerOver(pool, this.hooks.signal) } : {}),
      ...(overPool ? { explainElsewhere: overPool } : {}),
    });
  }
}
