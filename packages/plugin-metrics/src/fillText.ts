import type { Fill } from './baselineImage.js';

/** The baseline in words, for meanings. */
export function fillText(fill: Fill, blurSigma: number): string {
  if (fill === 'blur') return `the image blurred (Gaussian, σ = ${blurSigma} px)`;
  if (fill === 'mean') return "the image's per-channel mean";
  return typeof fill === 'number' ? `the value ${fill}` : `the values [${fill.join(', ')}]`;
}
