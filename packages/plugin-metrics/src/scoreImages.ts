import { abortedError, activationFactorFor, budgetedBatchSize, nhwc, VisorError, type MetricContext, type VisorModel } from '@visor/core';

export interface ScoreImagesRequest {
  model: VisorModel;
  /** Number of images to score. */
  count: number;
  /** Size of one image [H, W, C]. */
  shape: [number, number, number];
  /** Writes image i into `into` (H·W·C values, channels last). Called in order i = 0, 1, …, count − 1. */
  write(i: number, into: Float32Array): void;
  /** The class whose score is recorded for image i. */
  classOf(i: number): number;
  /** `probabilities` or `logits` (see scoreOutput). */
  output: string;
  /** Images per forward pass. */
  batchSize: number;
  signal: AbortSignal;
  /** What is running, for the abort message. */
  what: string;
  /** Called after each batch with the number of images scored so far. */
  onBatch?(done: number): void;
}

/**
 * Scores `count` images generated on demand, `batchSize` at a time: only one batch of images exists at
 * a time (one reused buffer), so memory stays within the budget the batch size was chosen for.
 * Returns score[i] = the `output` value of class classOf(i) for image i. Checks the signal between batches.
 */
export async function scoreImages(req: ScoreImagesRequest): Promise<Float32Array> {
  const { model, count, shape, batchSize } = req;
  const size = shape[0] * shape[1] * shape[2];
  const scores = new Float32Array(count);
  const buffer = new Float32Array(Math.min(batchSize, count) * size);
  for (let start = 0; start < count; start += batchSize) {
    if (req.signal.aborted) throw abortedError(`${req.what} aborted`, req.signal);
    const n = Math.min(batchSize, count - start);
    for (let j = 0; j < n; j++) req.write(start + j, buffer.subarray(j * size, (j + 1) * size));
    const [out] = await model.run({ data: buffer.subarray(0, n * size), shape: [n, ...shape] }, [req.output]);
    const K = out!.shape[out!.shape.length - 1]!;
    if (out!.shape[0] !== n || out!.data.length !== n * K) {
      throw new VisorError(`${req.what}: the model's '${req.output}' output has shape [${out!.shape.join(', ')}] for a batch of ${n}`, {
        code: 'model',
        file: model.source,
        hint: `The output should be [${n}, ${model.numClasses}].`,
      });
    }
    for (let j = 0; j < n; j++) {
      const c = req.classOf(start + j);
      scores[start + j] = out!.data[j * K + c]!;
    }
    req.onBatch?.(start + n);
  }
  return scores;
}

/** The images a perturbation metric scores per explanation, and how it makes them. */
export interface ExplanationImages {
  /** Images per explanation. */
  perExplanation: number;
  /** Writes image j of explanation e into `into` (H·W·C values); called in order, e = 0, 1, … and j = 0, 1, … within e. */
  write(e: number, j: number, into: Float32Array): void;
  /** `probabilities` or `logits` (see scoreOutput). */
  output: string;
  /** The metric's id: the progress stage and the abort message. */
  stage: string;
}

/**
 * Every explanation's `perExplanation` images scored on its target class, all explanations in one stream of
 * batches of the metric's `batchSize`, lowered to fit `memoryBudgetMB` (core's budgetedBatchSize with the
 * model's own activation factor). Returns each explanation's scores in image order.
 */
export async function scoreExplanationImages(
  ctx: MetricContext<{ batchSize: number; memoryBudgetMB: number }>,
  images: ExplanationImages,
): Promise<Float32Array[]> {
  const { model, input, explanations, options } = ctx;
  const [, H, W, C] = nhwc(input);
  const shape: [number, number, number] = [H, W, C];
  const { perExplanation, stage } = images;
  const total = explanations.length * perExplanation;
  if (total === 0) return [];
  const batchSize = budgetedBatchSize(options.batchSize, shape, options.memoryBudgetMB, activationFactorFor(model, 'auto', shape), total);
  const scores = await scoreImages({
    model,
    count: total,
    shape,
    write: (i, into) => images.write(Math.floor(i / perExplanation), i % perExplanation, into),
    classOf: (i) => explanations[Math.floor(i / perExplanation)]!.target.classIndex,
    output: images.output,
    batchSize,
    signal: ctx.signal,
    what: stage,
    onBatch: (done) => ctx.progress({ stage, done, total }),
  });
  return explanations.map((_, e) => scores.subarray(e * perExplanation, (e + 1) * perExplanation));
}
