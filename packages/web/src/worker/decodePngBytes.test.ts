import { decodePng, isVisorError } from '@visor/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encode, type ImageData } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodePngBytes } from './decodePngBytes.js';

// The page decodes PNGs with fast-png; the CLI with pngjs (core's decodePng, Node only). Every colour type and
// depth must give the same channels and the same values: core's decoder is the reference.
const W = 19;
const H = 13;

function png(kind: Omit<ImageData, 'width' | 'height' | 'data'>, sample: (i: number, max: number) => number, interlace = false): Uint8Array {
  const depth = kind.depth ?? 8;
  const channels = kind.channels ?? 4;
  const max = kind.palette ? kind.palette.length - 1 : (1 << depth) - 1;
  let data: Uint8Array | Uint16Array;
  if (depth < 8) {
    const perRow = Math.ceil((W * channels * depth) / 8);
    data = new Uint8Array(perRow * H);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W * channels; x++) {
        const bit = x * depth;
        data[y * perRow + (bit >> 3)]! |= (sample(y * W * channels + x, max) & max) << (8 - depth - (bit & 7));
      }
  } else {
    data = depth === 16 ? new Uint16Array(W * H * channels) : new Uint8Array(W * H * channels);
    for (let i = 0; i < data.length; i++) data[i] = sample(i, max);
  }
  return encode({ width: W, height: H, data, ...kind }, interlace ? { interlace: 'Adam7' } : {});
}

const wave = (i: number, max: number) => (i * 37 + ((i * i) % 11)) % (max + 1);
const palette = Array.from({ length: 11 }, (_, k) => [k * 23, 255 - k * 20, (k * 71) % 256]);

const cases: [string, Uint8Array][] = [
  ['RGBA 8-bit', png({ channels: 4, depth: 8 }, wave)],
  ['RGB 8-bit', png({ channels: 3, depth: 8 }, wave)],
  ['grey 8-bit', png({ channels: 1, depth: 8 }, wave)],
  ['grey+alpha 8-bit', png({ channels: 2, depth: 8 }, wave)],
  ['grey 1-bit', png({ channels: 1, depth: 1 }, wave)],
  ['grey 2-bit', png({ channels: 1, depth: 2 }, wave)],
  ['grey 4-bit', png({ channels: 1, depth: 4 }, wave)],
  ['RGB 16-bit', png({ channels: 3, depth: 16 }, (i) => (i * 2731) % 65536)],
  ['grey 16-bit', png({ channels: 1, depth: 16 }, (i) => (i * 4099) % 65536)],
  ['palette 8-bit', png({ channels: 1, depth: 8, palette }, wave)],
  ['palette 4-bit', png({ channels: 1, depth: 4, palette }, wave)],
  ['palette 2-bit', png({ channels: 1, depth: 2, palette: palette.slice(0, 4) }, wave)],
  ['RGB 8-bit, Adam7 interlaced', png({ channels: 3, depth: 8 }, wave, true)],
  ['the demo image (RGBA)', new Uint8Array(readFileSync(fileURLToPath(new URL('../../../../examples/demo/images/06-square-watermark.png', import.meta.url))))],
];

describe('decodePngBytes (fast-png) against core decodePng (pngjs)', () => {
  it.each(cases)('%s', (_name, bytes) => {
    const mine = decodePngBytes(bytes, 'x.png');
    const ref = decodePng(bytes, 'x.png');
    expect([mine.width, mine.height, mine.channels, mine.kind]).toEqual([ref.width, ref.height, ref.channels, ref.kind]);
    expect(mine.data.length).toBe(ref.data.length);
    let worst = 0;
    for (let i = 0; i < ref.data.length; i++) worst = Math.max(worst, Math.abs(mine.data[i]! - ref.data[i]!));
    // Both scale 16-bit samples by 255/65535 in float32: the same operation, so the same bits.
    expect(worst).toBe(0);
    expect(mine.display).toEqual(ref.display);
  });

  it('refuses a damaged file and a too-small image with core’s messages', () => {
    const bytes = png({ channels: 3, depth: 8 }, wave);
    const damaged = bytes.slice();
    damaged[damaged.length - 20]! ^= 0xff; // inside IDAT: the CRC no longer matches
    try {
      decodePngBytes(damaged, 'bad.png');
      expect.unreachable();
    } catch (e) {
      expect(isVisorError(e) && e.code).toBe('input');
      expect((e as Error).message).toMatch(/^bad\.png: PNG could not be decoded: .*crc/i);
    }
    const tiny = encode({ width: 2, height: 2, data: new Uint8Array(12), channels: 3, depth: 8 });
    expect(() => decodePngBytes(tiny, 'tiny.png')).toThrow(/tiny\.png: PNG is 2×2, too small/);
  });
});
