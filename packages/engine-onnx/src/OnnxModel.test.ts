import type { GradientRewrite, NdArray } from '@visor/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { describeOnnxModel } from './describe/describeOnnxModel.js';
import { relativeError } from './gradientCheck.testkit.js';
import { OnnxModel, type OnnxModelOptions } from './OnnxModel.js';
import { sessionFactory } from './runtime/ort.js';
import { encodeModel, tinyCnn, type TinyCnnOptions } from './tinyCnn.testkit.js';
import { randomValues } from './tinyGraph.testkit.js';

const guided: GradientRewrite = { id: 'relu:guided', relu: (ops, u) => ops.mul(ops.mul(u.dy, ops.positive(u.dy)), u.open) };
const deconvnet: GradientRewrite = { id: 'relu:deconvnet', relu: (ops, u) => ops.mul(u.dy, ops.positive(u.dy)) };

async function load(cnn: TinyCnnOptions = {}, options: Partial<OnnxModelOptions> = {}): Promise<OnnxModel> {
  const spec = await describeOnnxModel(encodeModel(tinyCnn(cnn)), 'tiny.onnx');
  return OnnxModel.create(spec, { source: 'tiny.onnx', threads: 1, ...options });
}

const batch = (n: number, seed = 3): NdArray => ({ data: Float32Array.from(randomValues(n * 8 * 8 * 3, seed)), shape: [n, 8, 8, 3] });
const oneHot = (n: number, classes: number[], k = 5) => {
  const s = new Float32Array(n * k);
  classes.forEach((c, i) => (s[i * k + c] = 1));
  return s;
};

const models: OnnxModel[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(models.splice(0).map((m) => m.dispose()));
});
const keep = (m: OnnxModel) => (models.push(m), m);

describe('an NCHW graph and its NHWC twin (input Transpose as tf2onnx writes it)', () => {
  test('give the same channels-last outputs and gradients', async () => {
    const nchw = keep(await load({ layout: 'NCHW', head: 'softmax' }));
    const nhwc = keep(await load({ layout: 'NHWC', head: 'softmax' }));
    const x = batch(2);
    const names = ['logits', 'probabilities', '/conv1/Conv_output_0', '/relu6/Clip_output_0', '/avgpool/GlobalAveragePool_output_0'];
    const a = await nchw.run(x, names);
    const b = await nhwc.run(x, names);
    expect(a.map((t) => t.shape)).toEqual([
      [2, 5],
      [2, 5],
      [2, 8, 8, 4],
      [2, 2, 2, 6],
      [2, 1, 1, 6],
    ]);
    a.forEach((t, i) => {
      expect(b[i]!.shape).toEqual(t.shape);
      expect(relativeError(b[i]!.data, t.data)).toBeLessThan(1e-6);
    });
    for (const [wrt, rewrite] of [
      ['input', undefined],
      ['input', guided],
      ['/conv1/Conv_output_0', undefined],
    ] as const) {
      const request = { score: 'probability' as const, seeds: [oneHot(2, [1, 3])], wrt, rewrite };
      const ga = await nchw.gradients(x, request);
      const gb = await nhwc.gradients(x, request);
      expect(ga.gradients[0]!.shape).toEqual(wrt === 'input' ? [2, 8, 8, 3] : [2, 8, 8, 4]);
      expect(gb.gradients[0]!.shape).toEqual(ga.gradients[0]!.shape);
      expect(relativeError(gb.gradients[0]!.data, ga.gradients[0]!.data)).toBeLessThan(1e-5);
      expect(relativeError(gb.value.data, ga.value.data)).toBeLessThan(1e-6);
    }
  });

  test('the channels-last value is the NCHW tensor transposed (element [n, y, x, c] = [n, c, y, x])', async () => {
    const nchw = keep(await load({ layout: 'NCHW' }));
    const x = batch(1);
    const [conv] = await nchw.run(x, ['/conv1/Conv_output_0']);
    const host = keep(await load({ layout: 'NCHW' }, { transposeOn: 'host' }));
    const [conv2] = await host.run(x, ['/conv1/Conv_output_0']);
    expect(conv2!.data).toEqual(conv!.data);
    // conv1 at (y, x) = (0, 0), channel c depends on the 2×2 corner of the input only (pad 1): check by hand for c.
    const w = randomValues(4 * 3 * 3 * 3, 1);
    const bias = randomValues(4, 2);
    for (let c = 0; c < 4; c++) {
      let sum = bias[c]!;
      for (let ci = 0; ci < 3; ci++)
        for (let ky = 1; ky < 3; ky++) for (let kx = 1; kx < 3; kx++) sum += w[((c * 3 + ci) * 3 + ky) * 3 + kx]! * x.data[((ky - 1) * 8 + (kx - 1)) * 3 + ci]!;
      expect(conv!.data[c]).toBeCloseTo(sum, 5);
    }
  });
});

describe('gradients', () => {
  test('of the probability w.r.t. the input match central finite differences of run()', async () => {
    const model = keep(await load({ head: 'softmax' }));
    const x = batch(1, 5);
    const seed = oneHot(1, [2]);
    const { gradients, scores } = await model.gradients(x, { score: 'probability', seeds: [seed], wrt: 'input' });
    const [probs] = await model.run(x, ['probabilities']);
    expect(relativeError(scores.data, probs!.data)).toBeLessThan(1e-6);
    const h = 1e-3;
    const size = x.data.length;
    const perturbed = new Float32Array(2 * size * size);
    for (let i = 0; i < size; i++) {
      perturbed.set(x.data, 2 * i * size);
      perturbed.set(x.data, (2 * i + 1) * size);
      perturbed[2 * i * size + i]! += h;
      perturbed[(2 * i + 1) * size + i]! -= h;
    }
    const [p] = await model.run({ data: perturbed, shape: [2 * size, 8, 8, 3] }, ['probabilities']);
    const numeric = Array.from({ length: size }, (_, i) => (p!.data[2 * i * 5 + 2]! - p!.data[(2 * i + 1) * 5 + 2]!) / (2 * h));
    expect(relativeError(gradients[0]!.data, numeric)).toBeLessThan(5e-3);
  });

  test('several seeds: tiled into one batch, in groups of at most maxTiledBatch images, or run one by one, the same answers', async () => {
    const tiled = keep(await load({ head: 'softmax' }));
    const grouped = keep(await load({ head: 'softmax' }, { maxTiledBatch: 4 }));
    const single = keep(await load({ head: 'softmax' }, { seedsInBatch: false }));
    const x = batch(2);
    const request = {
      score: 'logit' as const,
      seeds: [oneHot(2, [0, 1]), oneHot(2, [4, 2]), oneHot(2, [3, 3])],
      wrt: '/maxpool/MaxPool_output_0',
      rewrite: guided,
    };
    const a = await tiled.gradients(x, request);
    const b = await single.gradients(x, request);
    const c = await grouped.gradients(x, request);
    c.gradients.forEach((g, i) => expect(relativeError(g.data, b.gradients[i]!.data)).toBeLessThan(1e-6));
    expect(a.gradients).toHaveLength(3);
    expect(a.value.shape).toEqual([2, 4, 4, 4]);
    expect(a.scores.shape).toEqual([2, 5]);
    a.gradients.forEach((g, i) => expect(relativeError(g.data, b.gradients[i]!.data)).toBeLessThan(1e-6));
    expect(relativeError(a.value.data, b.value.data)).toBe(0);
    // The second input's gradient for seed 0 depends on that input only: the batch does not interact.
    const alone = await single.gradients({ data: x.data.slice(8 * 8 * 3), shape: [1, 8, 8, 3] }, { ...request, seeds: [oneHot(1, [1])] });
    expect(relativeError(a.gradients[0]!.data.slice(4 * 4 * 4), alone.gradients[0]!.data)).toBeLessThan(1e-6);
  });

  test('an aborted signal stops between seed groups', async () => {
    const model = keep(await load({}, { seedsInBatch: false }));
    const controller = new AbortController();
    controller.abort();
    await expect(model.gradients(batch(1), { score: 'logit', seeds: [oneHot(1, [0])], wrt: 'input', signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  test('w.r.t. a layer the score does not depend on: zeros', async () => {
    const model = keep(await load({ head: 'softmax' }));
    const r = await model.gradients(batch(1), { score: 'logit', seeds: [oneHot(1, [0])], wrt: 'probabilities' });
    expect(r.value.shape).toEqual([1, 5]);
    expect(r.gradients[0]!.data.every((v) => v === 0)).toBe(true);
  });

  test('the score of a linear head has no probabilities: refused with a clear error', async () => {
    const model = keep(await load({ head: 'linear' }));
    const refusal = {
      code: 'config',
      message: expect.stringMatching(
        /score "probability" is not defined for a model with a linear output .*has no output activation.*declare outputActivation: softmax/,
      ),
    };
    await expect(model.run(batch(1), ['probabilities'])).rejects.toMatchObject(refusal);
    await expect(model.gradients(batch(1), { score: 'probability', seeds: [oneHot(1, [0])], wrt: 'input' })).rejects.toMatchObject(refusal);
  });

  test('a sigmoid head: probabilities = sigmoid(logits)', async () => {
    const model = keep(await load({ head: 'sigmoid' }));
    const [logits, probs] = await model.run(batch(2), ['logits', 'probabilities']);
    expect(model.finalActivation).toBe('sigmoid');
    expect(
      relativeError(
        probs!.data,
        Array.from(logits!.data, (v) => 1 / (1 + Math.exp(-v))),
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('sessions and memory', () => {
  test('one session per distinct graph, created once and reused; memory() unchanged over repeated calls', async () => {
    const create = vi.spyOn(sessionFactory, 'create');
    const model = keep(await load({ head: 'softmax' }));
    const created = () => create.mock.calls.length - 1; // the shape-inference probe of describe is one more
    expect(created()).toBe(1);
    const x = batch(2);
    const before = model.memory();
    for (let i = 0; i < 3; i++) {
      await model.run(x, ['logits']);
      await model.run(x, ['/relu/Relu_output_0', 'logits']);
      await model.run(x, ['logits', '/relu/Relu_output_0']);
      await model.gradients(x, { score: 'logit', seeds: [oneHot(2, [0, 1]), oneHot(2, [1, 0])], wrt: 'input', rewrite: guided });
      await model.gradients(x, { score: 'logit', seeds: [oneHot(2, [0, 1])], wrt: 'input', rewrite: deconvnet });
    }
    expect(created()).toBe(4);
    expect(create.mock.calls.at(-1)?.[1]).toMatchObject({
      intraOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
    expect(model.memory()).toEqual(before);
    expect(before).toEqual({ tensors: 0, bytes: 0 });
    expect(model.sessionCount).toBe(4);
  });

  test('memory() counts the tensors of a run in flight', async () => {
    const during: unknown[] = [];
    const create = sessionFactory.create.bind(sessionFactory);
    vi.spyOn(sessionFactory, 'create').mockImplementation(async (bytes, options) => {
      const session = await create(bytes, options);
      const run = session.run.bind(session);
      session.run = ((...args: Parameters<typeof run>) => {
        during.push(model.memory());
        return run(...args);
      }) as typeof session.run;
      return session;
    });
    const model = keep(await load());
    const x = batch(2);
    await model.run(x, ['logits']);
    await model.gradients(x, { score: 'logit', seeds: [oneHot(2, [0, 1])], wrt: 'input' });
    expect(during).toEqual([
      { tensors: 1, bytes: x.data.byteLength },
      { tensors: 2, bytes: x.data.byteLength + 2 * 5 * 4 },
    ]);
    expect(model.memory()).toEqual({ tensors: 0, bytes: 0 });
  });

  test('dispose() releases every session; the model refuses work afterwards', async () => {
    const model = await load();
    await model.gradients(batch(1), { score: 'logit', seeds: [oneHot(1, [0])], wrt: 'input' });
    expect(model.sessionCount).toBe(2);
    await model.dispose();
    expect(model.sessionCount).toBe(0);
    await expect(model.run(batch(1), ['logits'])).rejects.toThrow(/disposed/);
  });

  test('maxSessions: the least recently used idle session is released', async () => {
    const model = keep(await load({}, { maxSessions: 2 }));
    await model.run(batch(1), ['/conv1/Conv_output_0']);
    await model.run(batch(1), ['/relu/Relu_output_0']);
    expect(model.sessionCount).toBe(2);
  });
});

describe('inputs and names', () => {
  test('a model with a fixed batch of 1 runs a batch of 3 image by image, the same as a free-batch model', async () => {
    const fixed = keep(await load({ batch: 1, head: 'softmax' }));
    const free = keep(await load({ head: 'softmax' }));
    const x = batch(3);
    const [a, ca] = await fixed.run(x, ['probabilities', '/conv2/Conv_output_0']);
    const [b, cb] = await free.run(x, ['probabilities', '/conv2/Conv_output_0']);
    expect(a!.shape).toEqual([3, 5]);
    expect(ca!.shape).toEqual([3, 2, 2, 6]);
    expect(relativeError(a!.data, b!.data)).toBeLessThan(1e-6);
    expect(relativeError(ca!.data, cb!.data)).toBeLessThan(1e-6);
    const seeds = [oneHot(3, [0, 1, 2])];
    const ga = await fixed.gradients(x, { score: 'logit', seeds, wrt: 'input' });
    const gb = await free.gradients(x, { score: 'logit', seeds, wrt: 'input' });
    expect(relativeError(ga.gradients[0]!.data, gb.gradients[0]!.data)).toBeLessThan(1e-6);
  });

  test("arrays returned are the caller's: later runs do not change them", async () => {
    const model = keep(await load());
    const [first] = await model.run(batch(1, 3), ['/conv1/Conv_output_0']);
    const kept = first!.data.slice();
    await model.run(batch(1, 4), ['/conv1/Conv_output_0']);
    const grad = await model.gradients(batch(1, 3), { score: 'logit', seeds: [oneHot(1, [0])], wrt: 'input' });
    const keptGrad = grad.gradients[0]!.data.slice();
    await model.gradients(batch(1, 5), { score: 'logit', seeds: [oneHot(1, [2])], wrt: 'input' });
    expect(first!.data).toEqual(kept);
    expect(grad.gradients[0]!.data).toEqual(keptGrad);
  });

  test('the input layer is answered with a copy of the input', async () => {
    const model = keep(await load());
    const x = batch(1);
    const [copy] = await model.run(x, ['input']);
    expect(copy!.data).toEqual(x.data);
    expect(copy!.data).not.toBe(x.data);
  });

  test('an unknown layer is refused naming the closest layers', async () => {
    const model = keep(await load());
    await expect(model.run(batch(1), ['/conv1/Conv_output'])).rejects.toThrow(/no layer named "\/conv1\/Conv_output"; closest: \/conv1\/Conv_output_0/);
  });

  test('an input of the wrong size is refused naming the size the model takes', async () => {
    const model = keep(await load());
    await expect(model.run({ data: new Float32Array(2 * 9 * 8 * 3), shape: [2, 9, 8, 3] }, ['logits'])).rejects.toThrow(/\[2, 9, 8, 3\].*\[N, 8, 8, 3\]/);
  });

  test('a seed of the wrong length is refused', async () => {
    const model = keep(await load());
    await expect(model.gradients(batch(2), { score: 'logit', seeds: [new Float32Array(5)], wrt: 'input' })).rejects.toThrow(
      /seed 0 has 5 values; a batch of 2 with 5 classes needs 10/,
    );
  });
});

describe('withRandomWeights', () => {
  test('re-draws the named layers (He-uniform, BN to identity), seeded, and leaves the model as it was', async () => {
    const model = keep(await load({ head: 'linear' }));
    const x = batch(2);
    const [before] = await model.run(x, ['logits']);
    const copy = (await model.withRandomWeights(['/conv2/Conv_output_0', '/bn/BatchNormalization_output_0', 'logits'], 7)) as OnnxModel;
    keep(copy);
    const again = (await model.withRandomWeights(['/conv2/Conv_output_0'], 7)) as OnnxModel;
    keep(again);
    const [after] = await model.run(x, ['logits']);
    expect(after!.data).toEqual(before!.data);
    const [kernel] = copy.weights('/conv2/Conv_output_0');
    const limit = Math.sqrt(6 / (4 * 3 * 3));
    expect(kernel!.shape).toEqual([3, 3, 4, 6]);
    expect(Math.max(...kernel!.data.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...kernel!.data.map(Math.abs))).toBeGreaterThan(limit * 0.8);
    expect(kernel!.data).not.toEqual(model.weights('/conv2/Conv_output_0')[0]!.data);
    expect(again.weights('/conv2/Conv_output_0')[0]!.data).toEqual(kernel!.data);
    expect(copy.weights('/bn/BatchNormalization_output_0').map((w) => Array.from(w.data))).toEqual([
      Array(6).fill(1),
      Array(6).fill(0),
      Array(6).fill(0),
      Array(6).fill(1),
    ]);
    const [dense, bias] = copy.weights('logits');
    expect(dense!.shape).toEqual([6, 5]);
    expect(Array.from(bias!.data)).toEqual([0, 0, 0, 0, 0]);
    expect(copy.weights('/conv1/Conv_output_0')[0]!.data).toEqual(model.weights('/conv1/Conv_output_0')[0]!.data);
    const [changed] = await copy.run(x, ['logits']);
    expect(relativeError(changed!.data, before!.data)).toBeGreaterThan(0.1);
  });

  test('a layer without weights is refused', async () => {
    const model = keep(await load());
    await expect(model.withRandomWeights(['/maxpool/MaxPool_output_0'], 1)).rejects.toThrow(/has no weights to randomise/);
  });
});
