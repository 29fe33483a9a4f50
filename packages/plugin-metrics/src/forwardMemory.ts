import type { VisorModel } from '@visor/core';

/** Per-image bytes assumed when a layer's output size is unknown: 64 times the input (see occlusion's factor). */
export const FALLBACK_ACTIVATION_FACTOR = 64;

/**
 * Bytes one image needs in a forward pass: 4 bytes × (the input's H·W·C values + every layer's output
 * values per image, from `layers()`), i.e. as if the engine kept every intermediate output until the
 * pass ends (tfjs does; ONNX Runtime reuses buffers, so this is an upper bound there). Weights are not
 * counted (they are there whatever the batch). When some layer's output size is unknown (a model that
 * accepts any size), 4 · H·W·C · 64.
 */
export function forwardBytesPerImage(model: VisorModel, [H, W, C]: [number, number, number]): number {
  const inputValues = H * W * C;
  let values = inputValues;
  for (const layer of model.layers()) {
    if (layer.kind === 'input' || layer.kind === 'model') continue;
    const dims = layer.outputShape.slice(1);
    if (dims.some((d) => d === null)) return 4 * inputValues * FALLBACK_ACTIVATION_FACTOR;
    values += (dims as number[]).reduce((a, b) => a * b, 1);
  }
  return 4 * values;
}

/**
 * Images per forward pass: `requested`, lowered so that batch × bytesPerImage fits in memoryBudgetMB
 * (MiB), never below 1 (a pass needs one image) nor above `count` (the images there are).
 */
export function budgetedBatchSize(requested: number, bytesPerImage: number, memoryBudgetMB: number, count: number): number {
  const byBudget = Math.floor((memoryBudgetMB * 2 ** 20) / bytesPerImage);
  return Math.max(1, Math.min(requested, byBudget, Math.max(1, count)));
}
