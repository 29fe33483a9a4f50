import type { Fill } from './baselineImage.js';

/** Options of `deletion` and `insertion`. */
export interface CausalOptions {
  /** Number of equal steps from no pixel to every pixel changed: steps + 1 scores, both ends included. */
  steps: number;
  /** The baseline: what deleted pixels become (deletion), what pixels are revealed onto (insertion). */
  fill: Fill;
  /** σ in pixels of the Gaussian blur of fill `blur`. */
  blurSigma: number;
  /** Perturbed images per forward pass (lowered to fit memoryBudgetMB). */
  batchSize: number;
  /** Memory for one forward pass, in MiB (batches are sized by @visor/core's budgetedBatchSize). */
  memoryBudgetMB: number;
}
