import jpeg from 'jpeg-js';
import type { DecodedInput } from './DecodedInput.js';
import { inputError } from './inputError.js';
import { MAX_PIXELS } from './limits.js';
import { readJpegInfo } from './readJpegInfo.js';
import { toRgba } from './toRgba.js';

/** Memory the decoder may use: a 100 MP 4:4:4 JPEG needs about 1.5 GB of coefficients and planes. */
const MAX_DECODER_MEMORY_MB = 2048;

/**
 * Decodes a baseline or progressive JPEG with jpeg-js. Grey JPEGs give 1 channel, colour and CMYK
 * (converted to RGB by the decoder) give 3. Values are on 0..255.
 */
export function decodeJpeg(bytes: Uint8Array, path: string): DecodedInput {
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) {
    throw inputError(path, 'is not a JPEG file (no start-of-image marker).');
  }
  const info = readJpegInfo(bytes, path);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_PIXELS / 1e6,
      maxMemoryUsageInMB: MAX_DECODER_MEMORY_MB,
    });
  } catch (e) {
    throw inputError(path, `JPEG could not be decoded: ${(e as Error).message}.`, 'Re-save it as a standard JPEG or as PNG.', e);
  }
  const { width, height } = decoded;
  const channels = info.components === 1 ? 1 : 3;
  const px = width * height;
  const data = new Float32Array(px * channels);
  const src = decoded.data; // RGB, grey replicated
  for (let p = 0; p < px; p++) {
    for (let k = 0; k < channels; k++) data[p * channels + k] = src[p * 3 + k]!;
  }
  return { path, kind: 'image', width, height, channels, data, display: toRgba(data, width, height, channels, 'clamp') };
}
