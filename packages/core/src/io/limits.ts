import { inputError } from './inputError.js';

/** Smallest accepted side, in pixels (or array elements): below this a CNN explanation has nothing
 * to localise and the resize to the model's size is pure interpolation. */
export const MIN_SIDE = 8;

/** Largest accepted input, in pixels (width × height): 100 megapixels. Checked from the file header,
 * before anything is decoded (a 100 MP RGB image is 1.2 GB as float32). */
export const MAX_PIXELS = 100_000_000;

/** Throws an 'input' VisorError when width × height is outside [MIN_SIDE², MAX_PIXELS]. */
export function checkSize(file: string, width: number, height: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw inputError(file, `${what} declares an invalid size ${width}×${height}.`);
  }
  if (width < MIN_SIDE || height < MIN_SIDE) {
    throw inputError(
      file,
      `${what} is ${width}×${height}, too small: each side must be at least ${MIN_SIDE} pixels (MIN_SIDE).`,
      'Use a larger image.',
    );
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
