import type { ExplainContext } from '../contracts/Explainer.js';
import type { NdArray } from '../contracts/NdArray.js';
import type { ProgressReporter } from '../contracts/ProgressEvent.js';
import type { VisorModel } from '../contracts/VisorModel.js';

export interface ExplainContextSetup<O> {
  /** The explainer's options, as given (not validated here). Default `{}`. */
  options?: O;
  /** Per input, the classes to explain. Default: the `topK` highest logits of each input, highest first. */
  targets?: number[][];
  /** Classes per input when `targets` is not given (default 1, at most the model's number of classes). */
  topK?: number;
  signal?: AbortSignal;
  /** Class label for an index. Default: the index as text (the pipeline's fallback without labels). */
  label?: (classIndex: number) => string;
  progress?: ProgressReporter;
}

/**
 * An ExplainContext for calling `explainer.explain` directly in tests, built as the pipeline builds
 * it: the predictions come from ONE forward pass, `model.run(input, ['logits', 'probabilities'])`
 * (for a linear head the logits stand in for the probabilities, as in the pipeline). The input stays
 * the caller's.
 */
export async function explainContext<O = Record<string, unknown>>(
  model: VisorModel,
  input: NdArray,
  setup: ExplainContextSetup<O> = {},
): Promise<ExplainContext<O>> {
  const k = model.numClasses;
  const n = input.shape[0]!;
  const linear = model.finalActivation === 'linear';
  const outs = await model.run(input, linear ? ['logits'] : ['logits', 'probabilities']);
  const rows = (a: NdArray) => Array.from({ length: n }, (_, i) => a.data.slice(i * k, (i + 1) * k));
  const logits = rows(outs[0]!);
  const probabilities = linear ? logits : rows(outs[1]!);
  const top = Math.min(setup.topK ?? 1, k);
  const targets =
    setup.targets ??
    logits.map((row) =>
      Array.from(row, (v, i) => [v, i] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, top)
        .map(([, i]) => i),
    );
  return {
    model,
    input,
    targets,
    predictions: { logits, probabilities },
    options: setup.options ?? ({} as O),
    backend: model.engine,
    label: setup.label ?? ((i) => String(i)),
    progress: setup.progress ?? (() => {}),
    signal: setup.signal ?? new AbortController().signal,
  };
}
