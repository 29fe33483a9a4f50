import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { isVisorError } from '@visor/core';
import { graphNet } from './graphNet.js';
import { tinyGraphTopology, tinyGraphWeightData, tinyGraphWeightSpecs } from './tinyGraphModelJson.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const load = () =>
  tf.loadGraphModel(
    tf.io.fromMemory({ modelTopology: tinyGraphTopology, weightSpecs: tinyGraphWeightSpecs, weightData: tinyGraphWeightData(), format: 'graph-model' }),
  );
// Same numbers as the tiny Sequential model: x = [[1, 2], [3, -4]] → relu conv ch0 [1,2,3,0], ch1 [0,0,0,4.5]
// → gap [1.5, 1.125] → logits [4, -0.375].
const xs = () => tf.tensor4d([1, 2, 3, -4], [1, 2, 2, 1]);
const softmax2 = (a: number, b: number) => [1 / (1 + Math.exp(b - a)), 1 / (1 + Math.exp(a - b))];

describe('graphNet', () => {
  it('lists the op nodes in topological order with their ops, inbound nodes, activations and shapes', async () => {
    const gm = await load();
    const m = graphNet(gm, 'tiny-graph');
    expect(m).toMatchObject({ kind: 'graph', inputShape: [2, 2, 1], numClasses: 2, finalActivation: 'softmax', outputLayer: 'Identity' });
    const layers = m.layers();
    expect(layers.map((l) => l.name)).toEqual(['x', 'conv/Conv2D', 'conv/BiasAdd', 'conv/Relu', 'gap', 'fc/MatMul', 'fc/BiasAdd', 'fc/Softmax', 'Identity']);
    expect(m.layer('conv/Relu')).toEqual({
      name: 'conv/Relu',
      className: 'Relu',
      kind: 'activation',
      outputShape: [null, 2, 2, 2],
      inbound: ['conv/BiasAdd'],
      activation: 'relu',
    });
    expect(m.layer('gap')).toMatchObject({ className: 'Mean', kind: 'global-avg-pool', outputShape: [null, 2], inbound: ['conv/Relu'] });
    expect(layers.map((l) => l.kind)).toEqual(['input', 'conv', 'bias', 'activation', 'global-avg-pool', 'dense', 'bias', 'softmax', 'identity']);
    expect(m.layer('x').outputShape).toEqual([null, 2, 2, 1]);
    const [k] = m.weights('fc/MatMul');
    expect(Array.from(k!.dataSync())).toEqual([1, 0.5, 2, -1]);
    gm.dispose();
  });

  it('computes logits (the Softmax input) and probabilities by hand, and overrides', async () => {
    const gm = await load();
    const m = graphNet(gm);
    const x = xs();
    const before = tf.memory().numTensors;
    const [logits, probs, relu, gap] = m.run(x, ['logits', 'probabilities', 'conv/Relu', 'gap']);
    expect(Array.from(logits!.dataSync())).toEqual([4, -0.375]);
    const [p0, p1] = softmax2(4, -0.375);
    expect(probs!.dataSync()[0]!).toBeCloseTo(p0!, 6);
    expect(probs!.dataSync()[1]!).toBeCloseTo(p1!, 6);
    expect(Array.from(relu!.dataSync())).toEqual([1, 0, 2, 0, 3, 0, 0, 4.5]);
    expect(Array.from(gap!.dataSync())).toEqual([1.5, 1.125]);
    tf.dispose([logits, probs, relu, gap]);
    expect(tf.memory().numTensors).toBe(before);

    const a = tf.tensor2d([[2, 1]]);
    const [l2] = m.run(x, ['logits'], { gap: a });
    expect(Array.from(l2!.dataSync())).toEqual([4.25, 0]);
    const score = m.classScores(x, 'logit');
    expect(Array.from(score.dataSync())).toEqual([4, -0.375]);
    // d Σ logits / d gap = row sums of the fc kernel = [1.5, 1]; through the mean: /4 per position.
    const g = tf.grad((t: tf.Tensor) => tf.sum(m.run(x, ['logits'], { gap: t })[0]!))(a);
    expect(Array.from(g.dataSync())).toEqual([1.5, 1]);
    tf.dispose([l2, score, g, a]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    gm.dispose();
  });

  it('names the model and the closest nodes for an unknown node', async () => {
    const gm = await load();
    const m = graphNet(gm, 'graphs/tiny/model.json');
    try {
      m.layer('conv/relu');
      expect.unreachable();
    } catch (e) {
      expect(isVisorError(e)).toBe(true);
      expect((e as Error).message).toMatch(/graphs\/tiny\/model\.json: no node named "conv\/relu"; closest: conv\/Relu/);
    }
    gm.dispose();
  });
});
