import { checkSize, inputError, toRgba, type DecodedInput } from '@visor/core';
import { decode, type DecodedPng } from 'fast-png';

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** Unpacks 1/2/4-bit samples (rows start on a byte boundary) to one value per sample. */
function unpack(png: DecodedPng, samplesPerRow: number): Uint8Array {
  const { depth, height } = png;
  const bytesPerRow = Math.ceil((samplesPerRow * depth) / 8);
  const out = new Uint8Array(samplesPerRow * height);
  const src = png.data as Uint8Array;
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < samplesPerRow; x++) {
      const bit = x * depth;
      out[y * samplesPerRow + x] = (src[y * bytesPerRow + (bit >> 3)]! >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

/**
 * Decodes a PNG in the browser with fast-png, giving what core's `decodePng` (pngjs, Node only) gives:
 * alpha dropped, not composited; grey(+alpha) → 1 channel, everything else → 3; values on 0..255, 1/2/4-bit
 * grey expanded exactly (×255, ×85, ×17), 16-bit samples scaled by 255/65535 keeping the fraction; palette
 * entries looked up. Size limits are checked from the IHDR before anything is inflated; CRCs are checked.
 */
export function decodePngBytes(bytes: Uint8Array, path: string): DecodedInput {
  if (bytes.length < 33) throw inputError(path, `PNG is truncated: it ends inside the IHDR chunk (file is ${bytes.length} bytes).`);
  checkSize(path, u32(bytes, 16), u32(bytes, 20), 'PNG');
  let png: DecodedPng;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (e) {
    throw inputError(path, `PNG could not be decoded: ${(e as Error).message}.`, 'Re-export the image.', e);
  }
  const { width, height, depth } = png;
  const px = width * height;
  const palette = png.palette;
  const stored = palette ? 1 : png.channels;
  const grey = !palette && (stored === 1 || stored === 2);
  const channels = grey ? 1 : 3;
  const samples = depth < 8 ? unpack(png, width * stored) : png.data;
  const scale = depth === 16 ? 255 / 65535 : depth < 8 && !palette ? 255 / ((1 << depth) - 1) : 1;
  const data = new Float32Array(px * channels);
  for (let p = 0; p < px; p++) {
    if (palette) {
      const rgb = palette[samples[p]!];
      if (!rgb) throw inputError(path, `PNG pixel ${p} uses palette entry ${samples[p]}, but the palette has ${palette.length}.`);
      for (let k = 0; k < 3; k++) data[p * 3 + k] = rgb[k]!;
    } else {
      for (let k = 0; k < channels; k++) data[p * channels + k] = samples[p * stored + k]! * scale;
    }
  }
  return { path, kind: 'image', width, height, channels, data, display: toRgba(data, width, height, channels, 'clamp') };
}
