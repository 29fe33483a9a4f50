import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm'; // wasm's own kernels, to check none is overridden
import { tf } from '../tf.js';
import { registerWasmKernels } from './registerWasmKernels.js';
import { wasmGradientKernels } from './wasmGradientKernels.js';
import { conv2DBackpropInputConfig } from './kernels/Conv2DBackpropInput.js';
import { maxPoolGradConfig } from './kernels/MaxPoolGrad.js';
import { selectBackend } from './selectBackend.js';

const NAMES = [tf.Conv2DBackpropFilter, tf.DepthwiseConv2dNativeBackpropInput, tf.DepthwiseConv2dNativeBackpropFilter, tf.UnsortedSegmentSum];

/** A conv + depthwise gradient on cpu, as raw numbers. */
async function cpuGradients(): Promise<number[]> {
  await tf.setBackend('cpu');
  const values = tf.tidy(() => {
    const x = tf.tensor4d(
      Array.from({ length: 2 * 6 * 5 * 2 }, (_, i) => Math.sin(i)),
      [2, 6, 5, 2],
    );
    const w = tf.tensor4d(
      Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i)),
      [3, 3, 2, 3],
    );
    const d = tf.tensor4d(
      Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => Math.cos(2 * i)),
      [3, 3, 3, 2],
    );
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      tf
        .depthwiseConv2d(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), c as tf.Tensor4D, 1, 'same')
        .square()
        .sum();
    const [ga, gb, gc] = tf.grads(f)([x, w, d]);
    return [...ga!.dataSync(), ...gb!.dataSync(), ...gc!.dataSync(), ...tf.gather(x, [1, 1]).dataSync()];
  });
  return values;
}

let nativeKernel: tf.KernelConfig;

describe('registerWasmKernels', () => {
  it('registers the missing kernels for wasm only, replaces the broken MaxPoolGrad and the slow Conv2DBackpropInput, leaves cpu alone, never overrides, and re-registering is a no-op', async () => {
    expect(wasmGradientKernels.map((k) => k.kernelName)).toEqual(NAMES);
    expect(wasmGradientKernels.every((k) => k.backendName === 'wasm')).toBe(true);

    const cpuKernelsBefore = NAMES.map((n) => tf.getKernel(n, 'cpu'));
    const nativeMaxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'wasm');
    nativeKernel = nativeMaxPoolGrad;
    expect(nativeMaxPoolGrad).toBeDefined();
    expect(nativeMaxPoolGrad).not.toBe(maxPoolGradConfig);
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).not.toBe(conv2DBackpropInputConfig);
    const wasmConv2D = tf.getKernel(tf.Conv2D, 'wasm');
    expect(cpuKernelsBefore.every((k) => k !== undefined)).toBe(true);
    expect(wasmConv2D).toBeDefined();
    const cpuMaxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'cpu');
    const before = await cpuGradients();

    // A kernel wasm already has (here a stand-in) is never overridden.
    const standIn: tf.KernelConfig = {
      kernelName: tf.UnsortedSegmentSum,
      backendName: 'wasm',
      kernelFunc: () => {
        throw new Error('stand-in');
      },
    };
    tf.registerKernel(standIn);
    expect(registerWasmKernels()).toEqual([...NAMES.slice(0, 3), tf.MaxPoolGrad, tf.Conv2DBackpropInput]);
    expect(tf.getKernel(tf.UnsortedSegmentSum, 'wasm')).toBe(standIn);
    tf.unregisterKernel(tf.UnsortedSegmentSum, 'wasm');
    expect(registerWasmKernels()).toEqual([tf.UnsortedSegmentSum]);

    // Now everything is there: calling again registers nothing and keeps the same configs.
    const ours = NAMES.map((n) => tf.getKernel(n, 'wasm'));
    expect(ours).toEqual([...wasmGradientKernels]);
    expect(tf.getKernel(tf.MaxPoolGrad, 'wasm')).toBe(maxPoolGradConfig);
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')).toBe(conv2DBackpropInputConfig);
    expect(registerWasmKernels()).toEqual([]);
    expect(registerWasmKernels()).toEqual([]);
    NAMES.forEach((n, i) => expect(tf.getKernel(n, 'wasm')).toBe(ours[i]));
    expect(tf.getKernel(tf.MaxPoolGrad, 'wasm')).toBe(maxPoolGradConfig);

    // cpu (and wasm's own kernels) untouched: same kernel objects, bit-identical results.
    NAMES.forEach((n, i) => expect(tf.getKernel(n, 'cpu')).toBe(cpuKernelsBefore[i]));
    expect(tf.getKernel(tf.MaxPoolGrad, 'cpu')).toBe(cpuMaxPoolGrad);
    expect(tf.getKernel(tf.Conv2D, 'wasm')).toBe(wasmConv2D);
    expect(await cpuGradients()).toEqual(before);
  });
});

describe('the native wasm MaxPoolGrad that registerWasmKernels replaces', () => {
  it('is wrong in tfjs-backend-wasm 4.22: a window of negative values sends its gradient to the wrong element', async () => {
    // Runs in this file's own process after the test above, so put the native kernel back first.
    tf.unregisterKernel(tf.MaxPoolGrad, 'wasm');
    tf.registerKernel(nativeKernel);
    await selectBackend('wasm'); // replaces it again, so stash what the native one does before that
    tf.unregisterKernel(tf.MaxPoolGrad, 'wasm');
    tf.registerKernel(nativeKernel);
    await tf.setBackend('wasm');
    // One 2x2 window, max -1 at position 1: d max / dx = [0, 1, 0, 0].
    const x = tf.tensor4d([-3, -1, -2, -4], [1, 2, 2, 1]);
    const native = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid').sum())(x);
    // The bug: no value beats the FLT_MIN seed, so the argmax stays at offset 0 and the gradient lands on -3.
    expect(Array.from(await native.data())).toEqual([1, 0, 0, 0]);
    expect(registerWasmKernels()).toEqual([tf.MaxPoolGrad]);
    const fixed = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid').sum())(x);
    expect(Array.from(await fixed.data())).toEqual([0, 1, 0, 0]);
    tf.dispose([x, native, fixed]);
  });
});
