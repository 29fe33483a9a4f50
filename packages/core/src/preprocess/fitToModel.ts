import type { RgbaImage } from '../contracts/RgbaImage.js';
import { VisorError } from '../errors/VisorError.js';
import type { DecodedInput } from '../io/DecodedInput.js';
import { toRgba } from '../io/toRgba.js';
import { centerCrop } from './centerCrop.js';
import { resizeBilinear, type CropBox } from './resizeBilinear.js';

export interface FitOptions {
  /** Widen the filter when shrinking, like PIL's resize (default true). false gives exactly
   * tf.image.resizeBilinear(halfPixelCenters=true), which aliases on large downscales. Both agree
   * when enlarging. */
  antialias?: boolean;
}

export interface FittedInput {
  /** height×width×channels, same channel count and value scale as the input. */
  data: Float32Array;
  /** The region of the original image that was resized (the whole image for 'stretch'). */
  crop: CropBox;
  /** What the model sees, as an 8-bit picture (null when the input has no display, e.g. 4-channel arrays). */
  modelView: RgbaImage | null;
}

/**
 * Resizes an input to the model's spatial size with bilinear interpolation (half-pixel centres).
 * 'stretch' resizes the whole image, changing its aspect ratio if needed; 'center-crop' first cuts
 * the largest centred region with the model's aspect ratio, then resizes it. Pure JS: no tensors.
 */
export function fitToModel(
  input: DecodedInput,
  size: { height: number; width: number },
  mode: 'stretch' | 'center-crop' = 'stretch',
  options: FitOptions = {},
): FittedInput {
  const { height, width } = size;
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new VisorError(`Model input size must be positive whole numbers, got ${width}×${height} (width×height).`, {
      code: 'model',
    });
  }
  if (mode !== 'stretch' && mode !== 'center-crop') {
    throw new VisorError(`Unknown resize mode '${String(mode)}'; accepted: 'stretch', 'center-crop'.`, { code: 'config' });
  }
  const crop = mode === 'center-crop' ? centerCrop(input.width, input.height, width, height) : { x: 0, y: 0, width: input.width, height: input.height };
  const identity = crop.width === width && crop.height === height && crop.x === 0 && crop.y === 0 && width === input.width;
  const data = identity ? input.data.slice() : resizeBilinear(input.data, input.width, input.channels, crop, width, height, options.antialias ?? true);
  const modelView = toRgba(data, width, height, input.channels, input.kind === 'image' ? 'clamp' : 'minmax');
  return { data, crop, modelView };
}
