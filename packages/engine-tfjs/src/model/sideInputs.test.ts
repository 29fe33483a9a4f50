import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { residualNet } from '../testing/residualNet.js';
import { layersNet } from './layersNet.js';
import { sideInputs } from './sideInputs.js';
import { TfjsModel } from './TfjsModel.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// residualNet: image → stem → block_a → block_b ┐
//                       └────→ shortcut ───────┴→ block_add → block_out → avg_pool → predictions
describe('sideInputs', () => {
  it('lists the layers that join the part after the layer from outside it', () => {
    const net = layersNet(residualNet(), 'residual');
    expect(sideInputs(net, 'block_a')).toEqual(['shortcut']);
    expect(sideInputs(net, 'block_b')).toEqual(['shortcut']);
    expect(sideInputs(net, 'shortcut')).toEqual(['block_b']);
    expect(sideInputs(net, 'stem')).toEqual([]);
    expect(sideInputs(net, 'block_out')).toEqual([]);
  });

  it('gradients w.r.t. a layer pass them as overrides, so no seed recomputes the layers before block_a', async () => {
    const net = layersNet(residualNet(), 'residual', { owned: true });
    const calls: { outputs: string[]; overrides: string[] }[] = [];
    const spy = {
      ...net,
      run: (x: tf.Tensor4D, outputs: string[], overrides: Record<string, tf.Tensor> = {}) => {
        calls.push({ outputs, overrides: Object.keys(overrides).sort() });
        return net.run(x, outputs, overrides);
      },
    };
    const model = new TfjsModel(spy);
    const x = { data: new Float32Array(2 * 8 * 8 * 3).map((_, i) => Math.sin(i)), shape: [2, 8, 8, 3] };
    const seed = (c0: number, c1: number) => Float32Array.from({ length: 10 }, (_, i) => (i === c0 || i === 5 + c1 ? 1 : 0));
    await model.gradients(x, { score: 'logit', wrt: 'block_a', seeds: [seed(0, 2), seed(1, 3)] });
    expect(calls).toEqual([
      { outputs: ['block_a', 'logits', 'shortcut'], overrides: [] },
      { outputs: ['logits'], overrides: ['block_a', 'shortcut'] },
      { outputs: ['logits'], overrides: ['block_a', 'shortcut'] },
    ]);
    await model.dispose();
  });
});
