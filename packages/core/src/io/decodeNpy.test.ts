import { describe, expect, it } from 'vitest';
import { decodeNpy } from './decodeNpy.js';
import { visorErrorOf as errorOf } from './visorErrorOf.testkit.js';

/** A .npy file laid out as numpy.save writes it: magic, version, header length, a Python dict
 * padded with spaces and '\n' so the data starts on a 64-byte boundary, then the raw data. */
function npy(descr: string, shape: number[], data: Uint8Array, opts: { major?: number; fortran?: boolean } = {}): Uint8Array {
  const major = opts.major ?? 1;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const pre = major === 1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - pre - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length);
  out.set([0x93, ...Buffer.from('NUMPY'), major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  out.set(Buffer.from(dict, 'latin1'), pre);
  out.set(data, total);
  return out;
}
const f32 = (v: number[]) => new Uint8Array(new Float32Array(v).buffer);
const f64 = (v: number[]) => new Uint8Array(new Float64Array(v).buffer);
const range = (n: number, f: (i: number) => number = (i) => i) => Array.from({ length: n }, (_, i) => f(i));

describe('decodeNpy: good arrays', () => {
  it('float32 H×W×C (v1.0): values kept as stored, C-order', () => {
    const values = range(8 * 9 * 3, (i) => i * 0.5 - 20);
    const d = decodeNpy(npy('<f4', [8, 9, 3], f32(values)), 'a.npy');
    expect([d.kind, d.height, d.width, d.channels]).toEqual(['array', 8, 9, 3]);
    // element [y=2, x=4, c=1] is at 2*27 + 4*3 + 1 = 67 → 67*0.5 - 20 = 13.5
    expect(d.data[(2 * 9 + 4) * 3 + 1]).toBe(13.5);
    expect(d.data[0]).toBe(-20);
  });

  it('float64 H×W (v2.0) → 1 channel; min-max scaled display', () => {
    const values = range(64, (i) => (i === 0 ? -1 : i === 63 ? 3 : 1)); // -1 → 0, 1 → 127.5 → 128, 3 → 255
    const d = decodeNpy(npy('<f8', [8, 8], f64(values), { major: 2 }), 'b.npy');
    expect(d.channels).toBe(1);
    expect(d.data[5]).toBe(1);
    expect(Array.from(d.display!.data.subarray(0, 4))).toEqual([0, 0, 0, 255]);
    expect(Array.from(d.display!.data.subarray(4, 8))).toEqual([128, 128, 128, 255]);
    expect(d.display!.data[63 * 4]).toBe(255);
  });

  it('uint8 (v3.0) with 4 channels: no display', () => {
    const d = decodeNpy(npy('|u1', [8, 8, 4], new Uint8Array(range(256, (i) => i)), { major: 3 }), 'c.npy');
    expect(d.channels).toBe(4);
    expect(d.data[255]).toBe(255);
    expect(d.display).toBeNull();
  });
});

describe('decodeNpy: bad arrays', () => {
  it('1-D and 4-D shapes are refused, naming the shape and what is accepted', () => {
    const e1 = errorOf(() => decodeNpy(npy('<f4', [64], f32(range(64))), 'v.npy'));
    expect([e1.code, e1.file]).toEqual(['input', 'v.npy']);
    expect(e1.message).toMatch(/shape \(64,\) \(1-D\); accepted: H×W or H×W×C/);
    const e4 = errorOf(() => decodeNpy(npy('<f4', [1, 8, 8, 3], f32(range(192))), 'batch.npy'));
    expect(e4.message).toMatch(/shape \(1, 8, 8, 3\) \(4-D\)/);
    expect(e4.hint).toMatch(/one image per file/);
  });

  it('unsupported dtypes and big-endian are refused listing the accepted dtypes', () => {
    const e = errorOf(() => decodeNpy(npy('<i8', [8, 8], new Uint8Array(512)), 'i.npy'));
    expect(e.message).toMatch(/dtype '<i8' is not supported; accepted: float32 \('<f4'\), float64 \('<f8'\), uint8 \('\|u1'\)/);
    expect(errorOf(() => decodeNpy(npy('>f4', [8, 8], new Uint8Array(256)), 'be.npy')).message).toMatch(/big-endian/);
  });

  it('Fortran order is refused', () => {
    expect(errorOf(() => decodeNpy(npy('<f4', [8, 8], f32(range(64)), { fortran: true }), 'f.npy')).message).toMatch(/Fortran/);
  });

  it('small arrays are accepted: the model input decides (a 4×4 array for a 4×4 model; even 1×1)', () => {
    const a = decodeNpy(npy('<f4', [4, 4], f32(range(16))), 'tiny.npy');
    expect([a.height, a.width, a.channels]).toEqual([4, 4, 1]);
    const b = decodeNpy(npy('<f4', [6, 6, 3], f32(range(108))), 'six.npy');
    expect([b.height, b.width, b.channels]).toEqual([6, 6, 3]);
    expect(decodeNpy(npy('<f4', [1, 1], f32([0])), 'dot.npy').width).toBe(1);
  });

  it('truncated data, channels-first layout and NaN are refused', () => {
    const full = npy('<f4', [8, 8], f32(range(64)));
    expect(errorOf(() => decodeNpy(full.subarray(0, full.length - 4), 't.npy')).message).toMatch(/truncated.*needs 256 data bytes, found 252/);
    expect(errorOf(() => decodeNpy(npy('<f4', [3, 16, 16], f32(range(768))), 'chw.npy')).message).toMatch(/channels-first/);
    expect(errorOf(() => decodeNpy(npy('<f4', [8, 8], f32(range(64, (i) => (i === 9 ? NaN : i)))), 'nan.npy')).message).toMatch(/NaN at element 9/);
    expect(errorOf(() => decodeNpy(npy('<f4', [8, 8], f32(range(64)), { major: 9 }), 'v9.npy')).message).toMatch(/version 9\.0/);
  });
});
