/** Options of `road`. */
export interface RoadOptions {
  /** Percentages of pixels removed, each in (0, 100): one MoRF and one LeRF image per percentage. */
  percentiles: number[];
  /** Standard deviation of the imputation noise, as a fraction of the image's value range (max − min). */
  noise: number;
  /** Seed of the noise. */
  seed: number;
  /** Imputed images per forward pass (lowered to fit memoryBudgetMB). */
  batchSize: number;
  /** Memory for one forward pass, in MiB (batches are sized by @visor/core's budgetedBatchSize). */
  memoryBudgetMB: number;
}
