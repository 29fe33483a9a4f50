import type { JsonSchema, ScoreKind } from '@visor/core';

export interface SmoothGradOptions {
  /** Noisy copies averaged (n in Smilkov et al.). */
  samples: number;
  /** σ of the Gaussian noise as a fraction of the input's value range (max − min). */
  noiseLevel: number;
  score: ScoreKind;
  /** Average squared gradients instead (SmoothGrad²). */
  squared: boolean;
  /** Seed of the noise, for reproducible maps. */
  seed: number;
}

export const smoothGradDefaults: SmoothGradOptions = { samples: 25, noiseLevel: 0.15, score: 'logit', squared: false, seed: 0 };

export const smoothGradSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    samples: { type: 'integer', minimum: 1, maximum: 1000, description: 'Noisy copies averaged' },
    noiseLevel: { type: 'number', minimum: 0, maximum: 1, description: 'Noise σ as a fraction of the input range' },
    score: { enum: ['logit', 'probability'], description: 'Which class score is differentiated' },
    squared: { type: 'boolean', description: 'Average squared gradients (SmoothGrad²)' },
    seed: { type: 'integer', description: 'Noise seed' },
  },
};
