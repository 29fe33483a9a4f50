import type { VisorModel } from '../contracts/VisorModel.js';
import { DEFAULT_ACTIVATION_FACTOR } from './budgetedBatchSize.js';

/**
 * How many times its input's size a forward pass of the model holds in activations: the sum, over every layer
 * after the input, of its output size (per image), divided by H × W × C. An engine may keep a forward pass's
 * intermediate outputs until the pass ends (tfjs does), so this is the pass's working set per image (weights aside).
 * Undefined when a layer's output size is unknown (a model that accepts any input size).
 */
export function modelActivationFactor(model: VisorModel, [H, W, C]: [number, number, number]): number | undefined {
  let total = 0;
  for (const layer of model.layers()) {
    // Inputs hold no activations; a nested model's output is its last layer's, counted already.
    if (layer.kind === 'input' || layer.kind === 'model' || layer.inbound.length === 0) continue;
    const dims = layer.outputShape.slice(1);
    if (dims.length === 0 || dims.some((d) => d === null)) return undefined;
    total += (dims as number[]).reduce((a, b) => a * b, 1);
  }
  return total > 0 ? total / (H * W * C) : undefined;
}

/** The factor a method budgets with: the option's number, or for `auto` the model's own (64 when unknown). */
export function activationFactorFor(model: VisorModel, option: number | 'auto', shape: [number, number, number]): number {
  return option === 'auto' ? (modelActivationFactor(model, shape) ?? DEFAULT_ACTIVATION_FACTOR) : option;
}
