import type { DecodedInput } from './DecodedInput.js';
import { inputError } from './inputError.js';

/** ITU-R BT.601 luma weights (what PIL's convert('L') and tf.image.rgbToGrayscale use). */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Converts an input to the channel count a model wants: 1→3 replicates the grey value, 3→1 takes
 * BT.601 luma (0.299 R + 0.587 G + 0.114 B), 4→3 drops the fourth channel. The same count returns
 * the input itself. `display` is kept (it already shows the picture).
 */
export function toChannels(input: DecodedInput, channels: number): DecodedInput {
  const from = input.channels;
  if (from === channels) return input;
  const px = input.width * input.height;
  const src = input.data;
  const data = new Float32Array(px * channels);
  if (from === 1 && channels === 3) {
    for (let p = 0; p < px; p++) data[p * 3] = data[p * 3 + 1] = data[p * 3 + 2] = src[p]!;
  } else if (from === 3 && channels === 1) {
    for (let p = 0; p < px; p++) data[p] = LUMA[0] * src[p * 3]! + LUMA[1] * src[p * 3 + 1]! + LUMA[2] * src[p * 3 + 2]!;
  } else if (from === 4 && channels === 3) {
    for (let p = 0; p < px; p++) {
      data[p * 3] = src[p * 4]!;
      data[p * 3 + 1] = src[p * 4 + 1]!;
      data[p * 3 + 2] = src[p * 4 + 2]!;
    }
  } else {
    throw inputError(
      input.path,
      `has ${from} channel${from === 1 ? '' : 's'} but the model expects ${channels}; ` +
        'Visor converts 1→3 (replicate), 3→1 (luma) and 4→3 (drop the 4th) only.',
      `Provide an input with ${channels} channel${channels === 1 ? '' : 's'}.`,
    );
  }
  return { ...input, channels, data };
}
