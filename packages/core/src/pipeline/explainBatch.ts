/* eslint-disable @typescript-eslint/no-explicit-any -- Explainer<any>, Renderer<any>, Metric<any>: contributions of any options type (each validated by its own schema); variance over that type is the point */
import type { ExplainContext, Explainer } from '../contracts/Explainer.js';
import type { Explanation } from '../contracts/Explanation.js';
import type { Metric, MetricContext, MetricResult } from '../contracts/Metric.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { ParallelScorer } from '../contracts/ParallelScorer.js';
import type { Predictions } from '../contracts/Predictions.js';
import type { ProgressReporter } from '../contracts/ProgressEvent.js';
import type { InputReport } from '../contracts/RunReport.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import type { TargetsConfig } from '../config/VisorConfig.js';
import { VisorError, isVisorError } from '../errors/VisorError.js';
import type { PreparedInput } from './prepareInput.js';
import { resolveTargets } from './resolveTargets.js';
import { topK } from './topK.js';

/** An input ready for a batch: decoded, fitted, preprocessed, named, with its ground-truth mask if any. */
export type BatchInput = PreparedInput & { stem: string; mask: NdArray | null };

/** How a batch is run: everything `explainBatch` needs besides the inputs, with no file system or threads in it. */
export interface BatchRun {
  model: VisorModel;
  /** Class labels in output order (`label(i)` falls back to `class i`). */
  labels: string[];
  targets: TargetsConfig;
  explainers: { id: string; options: Record<string, unknown>; explainer: Explainer<any> }[];
  metrics: { id: string; options: Record<string, unknown>; metric: Metric<any> }[];
  progress?: ProgressReporter;
  signal?: AbortSignal;
  /** Lent to the explainers as `ctx.parallel` (a Node worker pool's scorer). */
  parallel?: ParallelScorer;
  /**
   * Runs every explainer on the batch somewhere else and returns, per input of the batch, its explanations
   * in explainer order (`inputIndex` 0); `undefined` leaves the explainers to run here, one after another.
   * The Node pipeline spreads a batch of several images over its worker threads this way.
   */
  explainElsewhere?: (input: NdArray, targets: number[][], predictions: Predictions) => Promise<Explanation[][]> | undefined;
}

export function abortError(): VisorError {
  return new VisorError('Run interrupted.', { code: 'aborted' });
}

/**
 * The batch's scores, computed once and shared: logits, and the model's own output activation of them
 * (for a linear head, the raw outputs stand in for probabilities: they rank the targets).
 */
export async function predict(model: VisorModel, input: NdArray): Promise<Predictions> {
  const k = model.numClasses;
  const linear = model.finalActivation === 'linear';
  const outs = await model.run(input, linear ? ['logits'] : ['logits', 'probabilities']);
  const rows = (a: NdArray) => Array.from({ length: input.shape[0]! }, (_, n) => a.data.slice(n * k, (n + 1) * k));
  const logits = rows(outs[0]!);
  return { logits, probabilities: linear ? logits : rows(outs[1]!) };
}

/**
 * One batch of same-sized inputs: ONE forward pass (predictions shared by every explainer) → targets →
 * every explainer → every metric → one InputReport per input. Engine-neutral and free of Node APIs, so
 * the CLI's Pipeline and the browser app run exactly this. `offset` is the position of the batch's first
 * input in the run (the reports' `inputIndex`).
 */
export async function explainBatch(group: BatchInput[], offset: number, run: BatchRun): Promise<InputReport[]> {
  const { model, labels } = run;
  const signal = run.signal ?? new AbortController().signal;
  const checkAbort = () => {
    if (signal.aborted) throw abortError();
  };
  const [h, w, c] = group[0]!.shape;
  const data = new Float32Array(group.length * h * w * c);
  group.forEach((g, i) => data.set(g.data, i * h * w * c));
  const input: NdArray = { data, shape: [group.length, h, w, c] };
  const predictions = await predict(model, input);
  const targets = predictions.probabilities.map((p) => resolveTargets(run.targets, p, labels));
  const label = (i: number) => labels[i] ?? `class ${i}`;
  const perInput: Explanation[][] = group.map(() => []);
  const collect = (out: Explanation[], at = 0) => {
    for (const ex of out) {
      ex.target.label ??= label(ex.target.classIndex);
      perInput[at + ex.inputIndex]!.push(ex);
    }
  };
  const explainOn = async (
    id: string,
    options: Record<string, unknown>,
    explainer: Explainer<any>,
    on: { model: VisorModel; input: NdArray; targets: number[][]; predictions: Predictions },
    parallel?: ParallelScorer,
  ): Promise<Explanation[]> => {
    checkAbort();
    const ctx: ExplainContext<any> = {
      model: on.model,
      input: on.input,
      targets: on.targets,
      predictions: on.predictions,
      options,
      backend: on.model.engine,
      label,
      progress: (e) => run.progress?.(e),
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
  const elsewhere = run.explainElsewhere?.(input, targets, predictions);
  if (elsewhere) {
    for (const [i, out] of (await elsewhere).entries()) collect(out, i);
  } else {
    for (const { id, options, explainer } of run.explainers) {
      collect(await explainOn(id, options, explainer, { model, input, targets, predictions }, run.parallel));
    }
  }

  const perInputMetrics: MetricResult[][] = group.map(() => []);
  for (const { id, options, metric } of run.metrics) {
    checkAbort();
    const ctx: MetricContext<any> = {
      model,
      input,
      targets,
      predictions,
      explanations: perInput.flat(),
      masks: group.map((g) => g.mask),
      options,
      label,
      progress: (e) => run.progress?.(e),
      signal,
      reexplain: async (method, otherModel, otherInput, otherTargets) => {
        const chosen = run.explainers.find((e) => e.id === method);
        if (!chosen) throw new VisorError(`metric ${id}: the run has no explainer "${method}"`, { code: 'run' });
        const otherPredictions = await predict(otherModel, otherInput);
        return explainOn(method, chosen.options, chosen.explainer, {
          model: otherModel,
          input: otherInput,
          targets: otherTargets,
          predictions: otherPredictions,
        });
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
    for (const r of results) perInputMetrics[r.inputIndex]!.push(r);
  }

  return group.map((g, i) => {
    const shown = new Set([...topK(predictions.probabilities[i]!, 5), ...targets[i]!]);
    const report: InputReport = {
      path: g.path,
      stem: g.stem,
      original: g.original,
      modelView: g.modelView,
      crop: g.crop,
      predictions: [...shown]
        .sort((a, b) => predictions.probabilities[i]![b]! - predictions.probabilities[i]![a]!)
        .map((k) => ({ classIndex: k, label: label(k), logit: predictions.logits[i]![k]!, probability: predictions.probabilities[i]![k]! })),
      // inputIndex: the input's position in the run (the report's inputs[]), not in the batch
      explanations: perInput[i]!.map((e) => ({ ...e, inputIndex: offset + i })),
    };
    if (run.metrics.length) report.metrics = perInputMetrics[i]!.map((r) => ({ ...r, inputIndex: offset + i }));
    return report;
  });
}

/** Inputs of different sizes (models that accept any size) cannot share a tensor: groups of one shape, in order. */
export function sameShapeGroups<T extends { shape: [number, number, number] }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const key = it.shape.join('x');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(it);
  }
  return [...groups.values()];
}
