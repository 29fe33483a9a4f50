import { VisorError, type MetricContext, nhwc } from '@visor/core';

/**
 * The ground-truth mask of input n ([H, W] values, > 0.5 inside), or null when the config gives
 * none or it marks no pixel (the object is absent: nothing to point at).
 */
export function maskOf(ctx: MetricContext<unknown>, n: number, metric: string): Float32Array | null {
  const mask = ctx.masks[n];
  if (!mask) return null;
  const [, H, W] = nhwc(ctx.input);
  if (mask.shape.length !== 2 || mask.shape[0] !== H || mask.shape[1] !== W || mask.data.length !== H * W) {
    throw new VisorError(`${metric}: the mask of input ${n} is [${mask.shape.join(', ')}], not the model input's [${H}, ${W}]`, {
      code: 'input',
      hint: 'Masks must be brought to the model input size (resized and cropped like the image) before the metrics run.',
    });
  }
  return mask.data.some((v) => v > 0.5) ? mask.data : null;
}
