import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeJpeg } from './decodeJpeg.js';
import { MIN_SIDE } from './limits.js';
import { visorErrorOf as errorOf } from './visorErrorOf.testkit.js';

// Made with libjpeg-turbo 2.1.5 from 16×16 pictures of four flat 8×8 quadrants:
//   cjpeg -quality 100 -grayscale q.pgm          grey quadrants   [[40, 200], [120, 80]]
//   cjpeg -quality 100 -sample 1x1 -progressive q.ppm   colour quadrants below
const GREY_BASELINE =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAQABABAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/AP5P6/1AK/l/r8v6/9k=';
const COLOUR_PROGRESSIVE =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/2wBDAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wgARCAAQABADAREAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAACAn/xAAYAQADAQEAAAAAAAAAAAAAAAAHCQoFCP/aAAwDAQACEAMQAAABIYLaooMeaee9AHUFJFFmT//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAQUCH//EABQRAQAAAAAAAAAAAAAAAAAAACD/2gAIAQMBAT8BH//EABQRAQAAAAAAAAAAAAAAAAAAACD/2gAIAQIBAT8BH//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEABj8CH//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAT8hH//aAAwDAQACAAMAAAAQAA//xAAUEQEAAAAAAAAAAAAAAAAAAAAg/9oACAEDAQE/EB//xAAUEQEAAAAAAAAAAAAAAAAAAAAg/9oACAECAQE/EB//xAAUEAEAAAAAAAAAAAAAAAAAAAAg/9oACAEBAAE/EB//2Q==';
const QUADRANTS = [
  [
    [200, 30, 30],
    [30, 180, 60],
  ],
  [
    [20, 40, 220],
    [128, 128, 128],
  ],
];
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** Baseline JPEG from jpeg-js's encoder, 4:4:4, of the colour quadrants scaled to w×h. */
function encodeQuadrants(w: number, h: number, quality = 100): Uint8Array {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([...QUADRANTS[y < h / 2 ? 0 : 1]![x < w / 2 ? 0 : 1]!, 255], (y * w + x) * 4);
  const out = jpeg.encode({ width: w, height: h, data }, quality).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function pixel(d: { data: Float32Array; width: number; channels: number }, x: number, y: number): number[] {
  const i = (y * d.width + x) * d.channels;
  return Array.from(d.data.subarray(i, i + d.channels));
}

function expectClose(actual: number[], expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `channel ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
}

/** Offset of the first SOFn marker's segment (the 0xFF byte). */
function sofOffset(b: Uint8Array): number {
  for (let i = 2; i < b.length - 1; i++) if (b[i] === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2)) return i;
  throw new Error('no SOF');
}

describe('decodeJpeg', () => {
  it('baseline colour (jpeg-js encoder, quality 100): each quadrant within ±3 of its colour', () => {
    const d = decodeJpeg(encodeQuadrants(16, 16), 'q.jpg');
    expect([d.kind, d.width, d.height, d.channels]).toEqual(['image', 16, 16, 3]);
    for (const [x, y] of [
      [2, 2],
      [12, 3],
      [3, 12],
      [13, 13],
    ]) {
      expectClose(pixel(d, x!, y!), QUADRANTS[y! < 8 ? 0 : 1]![x! < 8 ? 0 : 1]!, 3);
    }
    expect(d.display!.data[3]).toBe(255);
  });

  it('progressive colour (libjpeg-turbo): each quadrant within ±3', () => {
    const d = decodeJpeg(b64(COLOUR_PROGRESSIVE), 'p.jpg');
    expect(d.channels).toBe(3);
    for (const [x, y] of [
      [0, 0],
      [15, 0],
      [0, 15],
      [15, 15],
      [7, 7],
      [8, 8],
    ]) {
      expectClose(pixel(d, x!, y!), QUADRANTS[y! < 8 ? 0 : 1]![x! < 8 ? 0 : 1]!, 3);
    }
  });

  it('grey JPEG gives 1 channel', () => {
    const d = decodeJpeg(b64(GREY_BASELINE), 'g.jpg');
    expect(d.channels).toBe(1);
    expect(d.data.length).toBe(256);
    const grey = [
      [40, 200],
      [120, 80],
    ];
    for (const [x, y] of [
      [1, 1],
      [14, 1],
      [1, 14],
      [14, 14],
    ])
      expectClose(pixel(d, x!, y!), [grey[y! < 8 ? 0 : 1]![x! < 8 ? 0 : 1]!], 2);
  });

  it('truncated baseline and progressive JPEGs are refused', () => {
    const base = encodeQuadrants(32, 32, 90);
    const e1 = errorOf(() => decodeJpeg(base.subarray(0, Math.floor(base.length * 0.7)), 'cut.jpg'));
    expect([e1.code, e1.file]).toEqual(['input', 'cut.jpg']);
    expect(e1.message).toMatch(/^cut\.jpg: JPEG is truncated/);
    const prog = b64(COLOUR_PROGRESSIVE);
    expect(errorOf(() => decodeJpeg(prog.subarray(0, 400), 'p.jpg')).message).toMatch(/truncated/);
    // only the end-of-image marker missing
    expect(errorOf(() => decodeJpeg(base.subarray(0, base.length - 2), 'noeoi.jpg')).message).toMatch(/truncated/);
  });

  it('1×1 JPEG is too small', () => {
    const e = errorOf(() => decodeJpeg(encodeQuadrants(1, 1), 'dot.jpg'));
    expect(e.message).toMatch(/1×1/);
    expect(e.message).toContain(`at least ${MIN_SIDE} pixels`);
  });

  it('20000×20000 is refused from the SOF header before decoding', () => {
    const b = encodeQuadrants(16, 16).slice();
    const at = sofOffset(b) + 5; // FF C0 len(2) precision(1) → height(2) width(2)
    b.set([20000 >> 8, 20000 & 0xff, 20000 >> 8, 20000 & 0xff], at);
    const e = errorOf(() => decodeJpeg(b, 'huge.jpg'));
    expect(e.message).toMatch(/20000×20000 = 400\.0 megapixels/);
    expect(e.message).toMatch(/100 megapixel limit/);
  });

  it('arithmetic-coded JPEG is refused naming what is accepted', () => {
    const b = encodeQuadrants(16, 16).slice();
    b[sofOffset(b) + 1] = 0xc9;
    expect(errorOf(() => decodeJpeg(b, 'arith.jpg')).message).toMatch(/arithmetic-coded sequential.*accepted: baseline and progressive/);
  });
});
