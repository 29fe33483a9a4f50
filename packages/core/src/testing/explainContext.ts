import type { ExplainContext } from '../contracts/Explainer.js';
import type { ProgressReporter } from '../contracts/ProgressEvent.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { tf } from '../tf.js';

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
 * it: the predictions come from ONE forward pass, `model.classScores(input, 'logit')`, with the
 * probabilities as their softmax (only `classScores` is used, so a stub model without `run` works);
 * those tensors are freed (`tf.memory().numTensors` unchanged). The input stays owned by the caller.
 */
export function explainContext<O = Record<string, unknown>>(
  model: VisorModel,
  input: tf.Tensor4D,
  setup: ExplainContextSetup<O> = {},
): ExplainContext<O> {
  const [logits, probabilities] = tf.tidy(() => {
    const l = model.classScores(input, 'logit');
    return [l.arraySync(), tf.softmax(l).arraySync()];
  });
  const k = Math.min(setup.topK ?? 1, model.numClasses);
  const targets =
    setup.targets ?? logits.map((row) => row.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, k).map(([, i]) => i));
  return {
    model,
    input,
    targets,
    predictions: { logits: logits.map((r) => Float32Array.from(r)), probabilities: probabilities.map((r) => Float32Array.from(r)) },
    options: setup.options ?? ({} as O),
    backend: tf.getBackend(),
    label: setup.label ?? ((i) => String(i)),
    progress: setup.progress ?? (() => {}),
    signal: setup.signal ?? new AbortController().signal,
  };
}
