import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isVisorError } from '../errors/VisorError.js';
import { decodePng } from './decodePng.js';
import { MAX_PIXELS, MIN_SIDE } from './limits.js';

const { PNG } = pngjs;

// --- fixtures -------------------------------------------------------------------------------
/** A PNG chunk with its CRC computed by Node's zlib. */
function chunk(type: string, data: Uint8Array | number[] = []): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(body.length - 4, 0);
  body.copy(out, 4);
  out.writeUInt32BE(zlibCrc32(body), body.length + 4);
  return out;
}
function ihdr(width: number, height: number, bitDepth: number, colorType: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = bitDepth;
  d[9] = colorType;
  return chunk('IHDR', d);
}
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A hand-built PNG: rows are packed scanlines without the filter byte (filter 0 is added). */
function craftPng(width: number, height: number, bitDepth: number, colorType: number, rows: number[][], extra: Buffer[] = []): Buffer {
  const raw = Buffer.concat(rows.map((r) => Buffer.from([0, ...r])));
  return Buffer.concat([SIGNATURE, ihdr(width, height, bitDepth, colorType), ...extra, chunk('IDAT', deflateSync(raw)), chunk('IEND')]);
}
const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** pngjs-encoded image from RGBA 8-bit pixels produced by f(x, y). */
function pngjsImage(w: number, h: number, f: (x: number, y: number) => number[], options: object): Uint8Array {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) png.data.set(f(x, y), (y * w + x) * 4);
  return u8(PNG.sync.write(png, options));
}

function expectInputError(fn: () => unknown, file: string, ...parts: RegExp[]): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(isVisorError(err), `expected a VisorError, got ${String(err)}`).toBe(true);
  const ve = err as { code: string; file: string; message: string };
  expect(ve.code).toBe('input');
  expect(ve.file).toBe(file);
  expect(ve.message).toContain(file);
  for (const p of parts) expect(ve.message).toMatch(p);
}

// --- good files -------------------------------------------------------------------------------
describe('decodePng: good files', () => {
  const rgb = (x: number, y: number) => [x * 10, y * 20, 255 - x - y, 255];

  it('8-bit RGB: exact values, 3 channels, opaque display', () => {
    const d = decodePng(pngjsImage(8, 9, rgb, { colorType: 2 }), 'rgb.png');
    expect([d.kind, d.width, d.height, d.channels]).toEqual(['image', 8, 9, 3]);
    // pixel (x=3, y=5) → [30, 100, 247]
    const i = (5 * 8 + 3) * 3;
    expect(Array.from(d.data.subarray(i, i + 3))).toEqual([30, 100, 247]);
    expect(d.data.length).toBe(8 * 9 * 3);
    expect(Array.from(d.display!.data.subarray((5 * 8 + 3) * 4, (5 * 8 + 3) * 4 + 4))).toEqual([30, 100, 247, 255]);
  });

  it('8-bit RGBA: alpha dropped without compositing (a transparent pixel keeps its RGB)', () => {
    const f = (x: number, y: number) => [x * 10, y * 20, 7, x === 0 && y === 0 ? 0 : 128];
    const d = decodePng(pngjsImage(8, 8, f, { colorType: 6 }), 'rgba.png');
    expect(d.channels).toBe(3);
    expect(Array.from(d.data.subarray(0, 3))).toEqual([0, 0, 7]);
    const i = (2 * 8 + 4) * 3;
    expect(Array.from(d.data.subarray(i, i + 3))).toEqual([40, 40, 7]);
  });

  it('8-bit grey and grey+alpha: 1 channel with the grey value', () => {
    for (const colorType of [0, 4] as const) {
      const png = new PNG({ width: 8, height: 8 });
      const grey = (x: number, y: number) => x * 8 + y * 3;
      // alpha 99 only where the file keeps alpha (pngjs would composite it on white for colour type 0)
      const a = colorType === 4 ? 99 : 255;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) png.data.set([grey(x, y), grey(x, y), grey(x, y), a], (y * 8 + x) * 4);
      const d = decodePng(u8(PNG.sync.write(png, { colorType })), 'grey.png');
      expect(d.channels).toBe(1);
      expect(d.data[6 * 8 + 5]).toBe(5 * 8 + 6 * 3); // 58
      expect(Array.from(d.display!.data.subarray((6 * 8 + 5) * 4, (6 * 8 + 5) * 4 + 4))).toEqual([58, 58, 58, 255]);
    }
  });

  it('16-bit RGB and grey: scaled by 255/65535 = 1/257 keeping the fraction', () => {
    const samples = [0, 257, 300, 32896, 65535, 1]; // → 0, 1, 300/257, 128, 255, 1/257
    const rgb16 = new Uint16Array(8 * 8 * 3);
    for (let i = 0; i < rgb16.length; i++) rgb16[i] = samples[i % samples.length]!;
    const png = new PNG({ width: 8, height: 8 });
    (png as { data: Buffer }).data = Buffer.from(rgb16.buffer);
    const bytes = u8(PNG.sync.write(png, { colorType: 2, inputColorType: 2, bitDepth: 16 }));
    const d = decodePng(bytes, 'rgb16.png');
    expect(d.channels).toBe(3);
    expect(d.data[0]).toBe(0);
    expect(d.data[1]).toBeCloseTo(1, 6);
    expect(d.data[2]).toBeCloseTo(1.16731518, 6); // 300/257
    expect(d.data[3]).toBeCloseTo(128, 5);
    expect(d.data[4]).toBeCloseTo(255, 5);
    expect(d.data[5]).toBeCloseTo(0.00389105, 7); // 1/257
    expect(d.display!.data[2]).toBe(1); // round(1.167)

    const grey16 = new Uint16Array(64).map((_, i) => i * 1000); // pixel 10 → 10000/257 = 38.9105
    const g = new PNG({ width: 8, height: 8 });
    (g as { data: Buffer }).data = Buffer.from(grey16.buffer);
    const dg = decodePng(u8(PNG.sync.write(g, { colorType: 0, inputColorType: 0, bitDepth: 16 })), 'grey16.png');
    expect(dg.channels).toBe(1);
    expect(dg.data[10]).toBeCloseTo(38.91050584, 5);
    expect(dg.data[63]).toBeCloseTo(245.13618677, 5); // 63000/257
  });

  it('palette images (8-bit and 2-bit indices) give the palette colours as RGB', () => {
    const plte = chunk('PLTE', [10, 20, 30, 200, 100, 0, 0, 0, 255, 1, 2, 3]);
    const rows8 = Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => (x + y) % 4));
    const d = decodePng(u8(craftPng(8, 8, 8, 3, rows8, [plte])), 'pal8.png');
    expect(d.channels).toBe(3);
    expect(Array.from(d.data.subarray(0, 3))).toEqual([10, 20, 30]); // index 0
    const i = (1 * 8 + 1) * 3; // (1+1)%4 = 2
    expect(Array.from(d.data.subarray(i, i + 3))).toEqual([0, 0, 255]);
    // 2-bit: 4 pixels per byte, MSB first. Row 0001 1011 … = indices 0,1,2,3
    const rows2 = Array.from({ length: 8 }, () => [0b00011011, 0b11100100]); // 0,1,2,3,3,2,1,0
    const d2 = decodePng(u8(craftPng(8, 8, 2, 3, rows2, [plte])), 'pal2.png');
    const row = Array.from({ length: 8 }, (_, x) => d2.data[x * 3]);
    expect(row).toEqual([10, 200, 0, 1, 1, 0, 200, 10]);
  });

  it('1-bit and 4-bit grey are expanded to 0..255 exactly (×255, ×17)', () => {
    const rows1 = Array.from({ length: 8 }, () => [0b10110000]);
    const d1 = decodePng(u8(craftPng(8, 8, 1, 0, rows1)), 'g1.png');
    expect(Array.from(d1.data.subarray(0, 8))).toEqual([255, 0, 255, 255, 0, 0, 0, 0]);
    const rows4 = Array.from({ length: 8 }, () => [0x0f, 0x37, 0xa1, 0x00]);
    const d4 = decodePng(u8(craftPng(8, 8, 4, 0, rows4)), 'g4.png');
    expect(Array.from(d4.data.subarray(0, 8))).toEqual([0, 255, 51, 119, 170, 17, 0, 0]);
  });

  it('Adam7-interlaced RGB decodes to the same pixels as the plain image', () => {
    const w = 8,
      h = 8;
    const px = (x: number, y: number) => [x * 30, y * 30, (x * y) % 256];
    // Adam7 passes: [x0, y0, dx, dy]
    const passes: [number, number, number, number][] = [
      [0, 0, 8, 8],
      [4, 0, 8, 8],
      [0, 4, 4, 8],
      [2, 0, 4, 4],
      [0, 2, 2, 4],
      [1, 0, 2, 2],
      [0, 1, 1, 2],
    ];
    const raw: number[] = [];
    for (const [x0, y0, dx, dy] of passes) {
      for (let y = y0; y < h; y += dy) {
        raw.push(0);
        for (let x = x0; x < w; x += dx) raw.push(...px(x, y));
      }
    }
    const d8 = Buffer.alloc(13);
    d8.writeUInt32BE(w, 0);
    d8.writeUInt32BE(h, 4);
    d8.set([8, 2, 0, 0, 1], 8); // 8-bit RGB, interlace method 1
    const b = Buffer.concat([SIGNATURE, chunk('IHDR', d8), chunk('IDAT', deflateSync(Buffer.from(raw))), chunk('IEND')]);
    const d = decodePng(u8(b), 'adam7.png');
    for (const [x, y] of [
      [0, 0],
      [7, 0],
      [3, 5],
      [7, 7],
      [1, 6],
    ]) {
      const i = (y! * w + x!) * 3;
      expect(Array.from(d.data.subarray(i, i + 3)), `(${x}, ${y})`).toEqual(px(x!, y!));
    }
  });

  it('grey with a tRNS colour key keeps the keyed pixels grey value (alpha is dropped, not applied)', () => {
    const rows = Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => (y === 0 && x < 2 ? 77 : 20)));
    const trns = chunk('tRNS', [0, 77]);
    const d = decodePng(u8(craftPng(8, 8, 8, 0, rows, [trns])), 'trns.png');
    expect(Array.from(d.data.subarray(0, 3))).toEqual([77, 77, 20]);
  });
});

// --- bad files --------------------------------------------------------------------------------
describe('decodePng: bad files', () => {
  const good = () => pngjsImage(16, 16, (x, y) => [x * 16, y * 16, 0, 255], { colorType: 2 });

  it('truncated in the middle of the image data', () => {
    const b = good();
    expectInputError(() => decodePng(b.subarray(0, b.length - 30), 'cut.png'), 'cut.png', /truncated/, /IDAT/);
  });

  it('truncated just before IEND', () => {
    const b = good();
    expectInputError(() => decodePng(b.subarray(0, b.length - 12), 'noend.png'), 'noend.png', /truncated/, /IEND/);
  });

  it('corrupt CRC', () => {
    const b = good().slice();
    b[b.length - 20]! ^= 0xff; // a byte inside the IDAT data
    expectInputError(() => decodePng(b, 'crc.png'), 'crc.png', /CRC mismatch/, /IDAT/);
  });

  it('corrupt CRC in the IHDR is reported as such, not as whatever size the damaged header claims', () => {
    const b = good().slice();
    b[8 + 8 + 1]! ^= 0x40; // the width's second byte: 64 × 65536 more pixels wide, CRC now wrong
    expectInputError(() => decodePng(b, 'hdr.png'), 'hdr.png', /CRC mismatch in chunk 'IHDR' at byte 8/);
  });

  it('1×1 image is too small: names the minimum side', () => {
    const b = u8(craftPng(1, 1, 8, 0, [[5]]));
    expectInputError(() => decodePng(b, 'dot.png'), 'dot.png', /1×1/, new RegExp(`at least ${MIN_SIDE} pixels`));
  });

  it('20000×20000 is refused from the header, before decoding (its IDAT is far too short to decode)', () => {
    const b = Buffer.concat([SIGNATURE, ihdr(20000, 20000, 8, 2), chunk('IDAT', deflateSync(Buffer.alloc(10))), chunk('IEND')]);
    expectInputError(() => decodePng(u8(b), 'huge.png'), 'huge.png', /20000×20000 = 400\.0 megapixels/, new RegExp(`${MAX_PIXELS / 1e6} megapixel limit`));
  });

  it('invalid colour type / depth combination', () => {
    const b = Buffer.concat([SIGNATURE, ihdr(8, 8, 4, 2), chunk('IDAT', deflateSync(Buffer.alloc(8))), chunk('IEND')]);
    expectInputError(() => decodePng(u8(b), 'bad.png'), 'bad.png', /colour type 2 with bit depth 4/);
  });
});
