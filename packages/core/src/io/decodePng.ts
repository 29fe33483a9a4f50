import pngjs from 'pngjs';
import type { DecodedInput } from './DecodedInput.js';
import { inputError } from './inputError.js';
import { readPngInfo } from './readPngInfo.js';
import { toRgba } from './toRgba.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decodes a PNG (grey, grey+alpha, RGB, RGBA, palette; 1–16 bits) with pngjs.
 * Alpha is dropped, not composited: grey(+alpha) → 1 channel, everything else → 3 channels.
 * Values are on 0..255; 16-bit samples are scaled by 255/65535 keeping the fraction.
 */
export function decodePng(bytes: Uint8Array, path: string): DecodedInput {
  if (!PNG_SIGNATURE.every((v, i) => bytes[i] === v)) throw inputError(path, 'is not a PNG file (bad signature).');
  const info = readPngInfo(bytes, path);
  const sixteen = info.bitDepth === 16;
  let decoded: { width: number; height: number; data: Uint8Array | Uint16Array };
  try {
    const buf = Buffer.from(info.decoderBytes.buffer, info.decoderBytes.byteOffset, info.decoderBytes.byteLength);
    // skipRescale keeps 16-bit samples as Uint16 (pngjs would round them to 8 bits); lower depths
    // (1/2/4-bit grey) are expanded to 0..255 by pngjs exactly (×255, ×85, ×17).
    decoded = pngjs.PNG.sync.read(buf, { skipRescale: sixteen });
  } catch (e) {
    throw inputError(path, `PNG could not be decoded: ${(e as Error).message}.`, 'Re-export the image.', e);
  }
  const { width, height } = info;
  const channels = info.colorType === 0 || info.colorType === 4 ? 1 : 3;
  const src = decoded.data;
  if (src.length !== width * height * 4) {
    throw inputError(path, `PNG decoded to ${src.length} samples, expected ${width * height * 4}.`);
  }
  const scale = sixteen ? 255 / 65535 : 1;
  const data = new Float32Array(width * height * channels);
  const px = width * height;
  for (let p = 0; p < px; p++) {
    for (let k = 0; k < channels; k++) data[p * channels + k] = src[p * 4 + k]! * scale;
  }
  return { path, kind: 'image', width, height, channels, data, display: toRgba(data, width, height, channels, 'clamp') };
}
