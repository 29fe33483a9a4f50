import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWeights } from './decodeWeights.js';
import type { TfjsWeightSpec } from './TfjsArtifacts.js';
import { tf, useCpu } from './tfjsReference.testkit.js';

beforeAll(useCpu);

/** Little-endian bytes of typed arrays, concatenated. */
function bytes(...parts: ArrayBufferView[]): ArrayBuffer {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o);
    o += p.byteLength;
  }
  return out.buffer;
}

const specs: TfjsWeightSpec[] = [
  { name: 'f32', shape: [2, 3], dtype: 'float32' },
  { name: 'i32', shape: [3], dtype: 'int32' },
  { name: 'u8', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
  { name: 'u16', shape: [2], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.25, min: 2 } },
  { name: 'f16', shape: [4], dtype: 'float32', quantization: { dtype: 'float16' } },
  { name: 'tail', shape: [1], dtype: 'float32' },
];
// float16 1.0 = 0x3c00, −2.0 = 0xc000, 0.5 = 0x3800, 65504 = 0x7bff
const data = bytes(
  Float32Array.of(1, 2, 3, 4, 5, 6.5),
  Int32Array.of(-7, 0, 9),
  Uint8Array.of(0, 1, 2, 255),
  Uint16Array.of(0, 1000),
  Uint16Array.of(0x3c00, 0xc000, 0x3800, 0x7bff),
  Float32Array.of(-0.25),
);

describe('decodeWeights', () => {
  it('decodes float32, int32, uint8/uint16-quantized and float16 weights as tf.io.decodeWeights does', () => {
    const got = decodeWeights({ weightSpecs: specs, weightData: data }, 'w.json');
    const ref = tf.io.decodeWeights(data, specs as tf.io.WeightsManifestEntry[]);
    for (const s of specs) {
      expect(got.get(s.name)?.shape).toEqual(s.shape);
      expect(Array.from(got.get(s.name)!.data), s.name).toEqual(Array.from(ref[s.name]!.dataSync()));
    }
    tf.dispose(Object.values(ref));
    // By hand: u8 = q · 0.5 − 1, u16 = q · 0.25 + 2, f16 as IEEE halves.
    expect(Array.from(got.get('u8')!.data)).toEqual([-1, -0.5, 0, 126.5]);
    expect(Array.from(got.get('u16')!.data)).toEqual([2, 252]);
    expect(Array.from(got.get('f16')!.data)).toEqual([1, -2, 0.5, 65504]);
    expect(got.get('i32')!.data).toBeInstanceOf(Int32Array);
  });

  it('reads weights that straddle shard boundaries', () => {
    const whole = new Uint8Array(data);
    const cuts = [5, 13, 30];
    const shards = [0, ...cuts].map((c, i) => whole.slice(c, cuts[i] ?? whole.length).buffer);
    const got = decodeWeights({ weightSpecs: specs, weightData: shards }, 'w.json');
    const ref = decodeWeights({ weightSpecs: specs, weightData: data }, 'w.json');
    for (const s of specs) expect(Array.from(got.get(s.name)!.data)).toEqual(Array.from(ref.get(s.name)!.data));
  });

  it('refuses weight data shorter than the manifest, naming the weight', () => {
    expect(() => decodeWeights({ weightSpecs: specs, weightData: data.slice(0, 40) }, 'w.json')).toThrow(/w\.json: .*weight "u16"/);
  });
});
