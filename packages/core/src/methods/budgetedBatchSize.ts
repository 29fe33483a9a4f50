/**
 * Bytes a forward pass is assumed to need per input element: an input of H×W×C float32 values
 * (4 bytes each) is taken to need `activationFactor` times its own size for the model's
 * activations. 64 is a rough figure for ImageNet CNNs run for inference (ResNet-50's live
 * activations are a few dozen times its 224×224×3 input).
 */
export const DEFAULT_ACTIVATION_FACTOR = 64;

/**
 * How many modified copies of an input (occlusion windows, deletion steps, …) to score per forward pass:
 * `requested`, lowered so that batch × H × W × C × 4 bytes × activationFactor ≤ memoryBudgetMB × 2^20,
 * and never below 1 (one copy is the least a forward pass can take) nor above `windows`, the number of
 * copies there are. The factor comes from `activationFactorFor`.
 */
export function budgetedBatchSize(
  requested: number,
  inputShape: [number, number, number],
  memoryBudgetMB: number,
  activationFactor: number,
  windows: number,
): number {
  const [H, W, C] = inputShape;
  const bytesPerCopy = H * W * C * 4 * activationFactor;
  const byBudget = Math.floor((memoryBudgetMB * 2 ** 20) / bytesPerCopy);
  return Math.max(1, Math.min(requested, byBudget, windows));
}
