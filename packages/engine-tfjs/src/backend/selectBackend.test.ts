import { afterEach, describe, expect, it } from 'vitest';
import { isVisorError, VisorError } from '@visor/core';
import { tf } from '../tf.js';
import type { BackendChoice } from './BackendChoice.js';
import { selectBackend } from './selectBackend.js';

/**
 * Stands in for `import('@tensorflow/tfjs-node')` (which cannot be installed here): registers a backend
 * named 'tensorflow', as tfjs-node does, made from the cpu factory. The tests that use it check the
 * selection logic (what is tried, in which order, and what is reported), not TensorFlow itself.
 */
const fakeTfjsNode = async (): Promise<void> => {
  tf.registerBackend('tensorflow', tf.findBackendFactory('cpu'));
};

describe('selectBackend', () => {
  afterEach(async () => {
    if (tf.engine().registryFactory['tensorflow'] !== undefined) tf.removeBackend('tensorflow');
    await selectBackend('wasm');
  });

  it('cpu when asked for cpu', async () => {
    const s = await selectBackend('cpu');
    expect(s).toEqual({ name: 'cpu', reason: 'cpu requested explicitly' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('wasm when asked for wasm, with the gradient kernels registered', async () => {
    const s = await selectBackend('wasm');
    expect(s.name).toBe('wasm');
    expect(s.reason).toMatch(/^wasm requested explicitly; wasm ready/);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
    // and a filter gradient actually runs on wasm: d/dW sum(conv2d(1, W)) with a 1x1 filter = sum of x = 6
    const x = tf.ones([1, 2, 3, 1]);
    const w = tf.ones([1, 1, 1, 1]);
    const dW = tf.grad((f: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid').sum())(w);
    expect(Array.from(await dW.data())).toEqual([6]);
    tf.dispose([x, w, dW]);
  });

  it('auto picks wasm here (tfjs-node is not installed) and says why', async () => {
    const s = await selectBackend('auto');
    expect(s.name).toBe('wasm');
    expect(s.reason).toMatch(/^auto: tfjs-node not installed; wasm ready/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('defaults to auto', async () => {
    expect((await selectBackend()).name).toBe('wasm');
  });

  it("'tensorflow' without tfjs-node is a usage VisorError saying how to install it", async () => {
    const err = await selectBackend('tensorflow').catch((e: unknown) => e);
    expect(isVisorError(err)).toBe(true);
    const e = err as VisorError;
    expect(e.code).toBe('usage');
    expect(e.message).toContain('tfjs-node not installed');
    expect(e.message).toContain(`npm install @tensorflow/tfjs-node@${tf.version_core}`);
    expect(e.message).toContain('auto, wasm or cpu');
    expect(e.hint).toBe(`npm install @tensorflow/tfjs-node@${tf.version_core}`);
  });

  it('selection logic: auto prefers a backend named tensorflow when the tfjs-node import registers one (stand-in)', async () => {
    const s = await selectBackend('auto', { importTfjsNode: fakeTfjsNode });
    expect(s).toEqual({ name: 'tensorflow', reason: 'auto: tfjs-node ready' });
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it("selection logic: explicit 'tensorflow' activates the backend the tfjs-node import registered (stand-in)", async () => {
    const s = await selectBackend('tensorflow', { importTfjsNode: fakeTfjsNode });
    expect(s.name).toBe('tensorflow');
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('selection logic: auto falls back to wasm when the tfjs-node import registers no backend with our tfjs', async () => {
    const s = await selectBackend('auto', { importTfjsNode: async () => ({}) });
    expect(s.name).toBe('wasm');
    expect(s.reason).toContain("registered no 'tensorflow' backend");
  });

  it('selection logic: auto reports a tfjs-node import that throws (installed but broken)', async () => {
    const s = await selectBackend('auto', {
      importTfjsNode: async () => {
        throw new Error('libtensorflow.so: cannot open shared object file');
      },
    });
    expect(s.name).toBe('wasm');
    expect(s.reason).toMatch(/^auto: tfjs-node failed to load \(libtensorflow\.so: cannot open shared object file\); wasm ready/);
  });

  it('refuses an unknown choice, naming it and the accepted ones', async () => {
    const err = await selectBackend('webgpu' as BackendChoice).catch((e: unknown) => e);
    expect(isVisorError(err)).toBe(true);
    expect((err as VisorError).code).toBe('usage');
    expect((err as VisorError).message).toBe('backend: "webgpu" is not a backend; expected one of auto, tensorflow, wasm, cpu.');
  });

  it('is idempotent, also when calls overlap', async () => {
    const results = await Promise.all([selectBackend('wasm'), selectBackend('auto'), selectBackend('wasm')]);
    expect(results.map((r) => r.name)).toEqual(['wasm', 'wasm', 'wasm']);
    expect((await selectBackend('wasm')).reason).toBe('wasm requested explicitly; wasm ready');
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    await selectBackend('cpu');
    await selectBackend('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });
});
