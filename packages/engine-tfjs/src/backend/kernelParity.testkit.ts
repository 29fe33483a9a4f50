// Test-only helpers for the wasm kernel tests: run one kernel on a named backend from plain
// arrays, so wasm and cpu see identical inputs, and compare results.
import { tf } from '../tf.js';
import { mulberry32 } from '@visor/core';

export interface HostTensor {
  shape: number[];
  values: Float32Array | Int32Array;
  dtype?: 'float32' | 'int32';
}

/** Deterministic standard-normal-ish values (mulberry32 + Box-Muller); same on every backend. */
export function randomTensor(shape: number[], seed: number): HostTensor {
  const uniform = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return { shape, values };
}

/** Runs `kernelName` on `backend` via the engine; returns the output on the host. Leaves `backend` active. */
export async function runKernelOn(
  backend: 'wasm' | 'cpu',
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): Promise<HostTensor> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialise`);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(inputs)) tensors[name] = tf.tensor(t.values, t.shape, t.dtype ?? 'float32');
  try {
    const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const values = (await out.data()) as Float32Array | Int32Array;
    const result: HostTensor = { shape: out.shape, values, dtype: out.dtype as 'float32' | 'int32' };
    out.dispose();
    return result;
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
}

export function maxAbsDiff(a: HostTensor, b: HostTensor): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shapes differ: [${a.shape}] vs [${b.shape}]`);
  let m = 0;
  for (let i = 0; i < a.values.length; i++) m = Math.max(m, Math.abs(a.values[i]! - b.values[i]!));
  return m;
}

export function maxAbs(a: HostTensor): number {
  let m = 0;
  for (const v of a.values) m = Math.max(m, Math.abs(v));
  return m;
}
