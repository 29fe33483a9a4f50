import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { ExplainContext } from '../contracts/Explainer.js';
import type { Explanation } from '../contracts/Explanation.js';
import type { InputFailure, InputReport, RunReport } from '../contracts/RunReport.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import type { ResolvedConfig } from '../config/VisorConfig.js';
import { VisorError, isVisorError } from '../errors/VisorError.js';
import { OutputStage } from '../output/OutputStage.js';
import type { Registry } from '../plugins/Registry.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { MetricContext, MetricResult } from '../contracts/Metric.js';
import { loadModel } from '../model/loadModel.js';
import { expandInputs } from './expandInputs.js';
import { loadMask, maskPathFor } from './maskFor.js';
import { prepareInput, type PreparedInput } from './prepareInput.js';
import { resolveLabels } from './resolveLabels.js';
import { resolveTargets } from './resolveTargets.js';
import { resolvePreprocess } from '../preprocess/resolvePreprocess.js';
import type { PipelineHooks } from './PipelineHooks.js';
import type { RunOutcome } from './RunOutcome.js';
import { topK } from './topK.js';
import { uniqueStems } from './uniqueStems.js';
import { WorkerPool } from '../workers/WorkerPool.js';
import { resolveWorkerCount } from '../workers/resolveWorkerCount.js';
import { scorerOver } from '../workers/scorerOver.js';
import type { ExplainPayload } from '../workers/ExplainPayload.js';
import type { ParallelScorer } from '../contracts/ParallelScorer.js';
import type { Predictions } from '../contracts/Predictions.js';

/** An input ready for a batch: decoded, fitted, preprocessed, named, with its ground-truth mask if the config gives one. */
type Prepared = PreparedInput & { stem: string; mask: NdArray | null };

function abortError(): VisorError {
  return new VisorError('Run interrupted; nothing was written.', { code: 'aborted' });
}

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
    const [h, w, c] = group[0].shape;
    const data = new Float32Array(group.length * h * w * c);
    group.forEach((g, i) => data.set(g.data, i * h * w * c));
    const input: NdArray = { data, shape: [group.length, h, w, c] };
    const predictions = await predict(model, input);
    const targets = predictions.probabilities.map((p) => resolveTargets(config.targets, p, labels));
    const label = (i: number) => labels[i] ?? `class ${i}`;
    const perInput: Explanation[][] = group.map(() => []);
    const collect = (out: Explanation[], at = 0) => {
      for (const ex of out) {
        ex.target.label ??= label(ex.target.classIndex);
        perInput[at + ex.inputIndex].push(ex);
      }
    };
    const signal = this.hooks.signal ?? new AbortController().signal;
    const explainOn = async (
      id: string,
      options: Record<string, unknown>,
      explainer: ReturnType<Registry['explainer']>,
      on: { model: VisorModel; input: NdArray; targets: number[][]; predictions: typeof predictions },
      parallel?: ParallelScorer,
    ): Promise<Explanation[]> => {
      this.checkAbort();
      const ctx: ExplainContext<any> = {
        model: on.model,
        input: on.input,
        targets: on.targets,
        predictions: on.predictions,
        options,
        backend: on.model.engine,
        label,
        progress: (e) => this.hooks.progress?.(e),
        signal,
        ...(parallel ? { parallel } : {}),
      };
      try {
        return await explainer.explain(ctx);
      } catch (e) {
        if ((e as Error)?.name === 'AbortError') throw abortError();
        if (isVisorError(e)) throw e;
        throw new VisorError(`Explainer "${id}" failed: ${(e as Error)?.message ?? e}`, { code: 'run', cause: e });
      }
    };
    if (pool && group.length > 1) {
      // Image by image over the workers; results are put back in input, then explainer, order.
      const jobs = group.map((_, i) =>
        explainers.map(({ id, options }) => {
          const payload: ExplainPayload = {
            explainer: id,
            options,
            input: data.slice(i * h * w * c, (i + 1) * h * w * c),
            shape: [1, h, w, c],
            targets: [targets[i]],
            predictions: { logits: [predictions.logits[i]], probabilities: [predictions.probabilities[i]] },
          };
          return pool.run<Explanation[]>('explain', payload, { label: `${id} on ${group[i].path}`, onProgress: this.hooks.progress, signal: this.hooks.signal });
        }),
      );
      try {
        for (const [i, perExplainer] of jobs.entries()) for (const out of await Promise.all(perExplainer)) collect(out, i);
      } catch (e) {
        await Promise.allSettled(jobs.flat());
        if ((e as Error)?.name === 'AbortError' || signal.aborted) throw abortError();
        throw e;
      }
    } else {
      const parallel: ParallelScorer | undefined = pool && scorerOver(pool, this.hooks.signal);
      for (const { id, options, explainer } of explainers) {
        collect(await explainOn(id, options, explainer, { model, input, targets, predictions }, parallel));
      }
    }

    const perInputMetrics: MetricResult[][] = group.map(() => []);
    for (const { id, options, metric } of metrics) {
      this.checkAbort();
      const ctx: MetricContext<any> = {
        model,
        input,
        targets,
        predictions,
        explanations: perInput.flat(),
        masks: group.map((g) => g.mask),
        options,
        label,
        progress: (e) => this.hooks.progress?.(e),
        signal,
        reexplain: async (method, otherModel, otherInput, otherTargets) => {
          const chosen = explainers.find((e) => e.id === method);
          if (!chosen) throw new VisorError(`metric ${id}: the run has no explainer "${method}"`, { code: 'run' });
          const otherPredictions = await predict(otherModel, otherInput);
          return explainOn(method, chosen.options, chosen.explainer, { model: otherModel, input: otherInput, targets: otherTargets, predictions: otherPredictions });
        },
      };
      let results: MetricResult[];
      try {
        results = await metric.evaluate(ctx);
      } catch (e) {
        if ((e as Error)?.name === 'AbortError') throw abortError();
        if (isVisorError(e)) throw e;
        throw new VisorError(`Metric "${id}" failed: ${(e as Error)?.message ?? e}`, { code: 'run', cause: e });
      }
      for (const r of results) perInputMetrics[r.inputIndex].push(r);
    }

    return group.map((g, i) => {
      const shown = new Set([...topK(predictions.probabilities[i], 5), ...targets[i]]);
      const report: InputReport = {
        path: g.path,
        stem: g.stem,
        original: g.original,
        modelView: g.modelView,
        crop: g.crop,
        predictions: [...shown]
          .sort((a, b) => predictions.probabilities[i][b] - predictions.probabilities[i][a])
          .map((k) => ({ classIndex: k, label: label(k), logit: predictions.logits[i][k], probability: predictions.probabilities[i][k] })),
        // inputIndex: the input's position in the run (the report's inputs[]), not in the batch
        explanations: perInput[i].map((e) => ({ ...e, inputIndex: offset + i })),
      };
      if (metrics.length) report.metrics = perInputMetrics[i].map((r) => ({ ...r, inputIndex: offset + i }));
      return report;
    });
  }
}

/**
 * The batch's scores, computed once and shared: logits, and the model's own output activation of them
 * (for a linear head, the raw outputs stand in for probabilities: they rank the targets).
 */
async function predict(model: VisorModel, input: NdArray): Promise<Predictions> {
  const [k] = [model.numClasses];
  const linear = model.finalActivation === 'linear';
  const outs = await model.run(input, linear ? ['logits'] : ['logits', 'probabilities']);
  const rows = (a: NdArray) => Array.from({ length: input.shape[0] }, (_, n) => a.data.slice(n * k, (n + 1) * k));
  const logits = rows(outs[0]);
  return { logits, probabilities: linear ? logits : rows(outs[1]) };
}

function sameShapeGroups<T extends { shape: [number, number, number] }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const key = it.shape.join('x');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(it);
  }
  return [...groups.values()];
}
