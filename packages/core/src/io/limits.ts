import { inputError } from './inputError.js';

/** Smallest accepted side of an image file, in pixels: below this a CNN explanation has nothing to
 * localise and the resize to the model's size is pure interpolation. (.npy arrays are data the user
 * prepared for the model: the model's input shape decides for them, not this minimum.) */
export const MIN_SIDE = 8;

/** Largest accepted input, in pixels (width × height): 100 megapixels. Checked from the file header,
 * before anything is decoded (a 100 MP RGB image is 1.2 GB as float32). */
export const MAX_PIXELS = 100_000_000;

/** Throws an 'input' VisorError when a side is below `minSide` or width × height above MAX_PIXELS. */
export function checkSize(file: string, width: number, height: number, what: string, minSide = MIN_SIDE): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw inputError(file, `${what} declares an invalid size ${width}×${height}.`);
  }
  if (width < minSide || height < minSide) {
    throw inputError(file, `${what} is ${width}×${height}, too small: each side must be at least ${minSide} pixels (MIN_SIDE).`, 'Use a larger image.');
  }
  const pixels = width * height;
  if (pixels > MAX_PIXELS) {
    throw inputError(
      file,
      `${what} is ${width}×${height} = ${(pixels / 1e6).toFixed(1)} megapixels, more than the ` +
        `${MAX_PIXELS / 1e6} megapixel limit (MAX_PIXELS); refused before decoding.`,
      'Downscale the image first (the model sees a few hundred pixels a side anyway).',
    );
  }
}
