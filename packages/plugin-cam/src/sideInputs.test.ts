import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '@visor/core';
import { gradCamDefaults } from './camOptions.js';
import { gradCam } from './gradCam.js';
import { sideInputs } from './sideInputs.js';
import { explainContext, residualModel } from './testing/tinyModels.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// residualModel: image → stem → block_a → block_b ┐
//                          └────→ shortcut ───────┴→ block_add → block_out → avg_pool → predictions
describe('sideInputs', () => {
  it('lists the layers that join the part after the layer from outside it', () => {
    const model = residualModel();
    expect(sideInputs(model, 'block_a')).toEqual(['shortcut']);
    expect(sideInputs(model, 'block_b')).toEqual(['shortcut']);
    expect(sideInputs(model, 'shortcut')).toEqual(['block_b']);
    expect(sideInputs(model, 'stem')).toEqual([]);
    expect(sideInputs(model, 'block_out')).toEqual([]);
  });

  it('grad-cam passes them as overrides, so no rank recomputes the layers before block_a', async () => {
    const model = residualModel();
    const calls: { outputs: string[]; overrides: string[] }[] = [];
    const spy = {
      ...model,
      run: (x: tf.Tensor4D, outputs: string[], overrides: Record<string, tf.Tensor> = {}) => {
        calls.push({ outputs, overrides: Object.keys(overrides).sort() });
        return model.run(x, outputs, overrides);
      },
    };
    const x = tf.randomUniform([2, 8, 8, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    await gradCam.explain(explainContext(spy, x, [[0, 1], [2, 3]], { ...gradCamDefaults, layer: 'block_a' }));
    x.dispose();
    expect(calls).toEqual([
      { outputs: ['block_a', 'shortcut'], overrides: [] },
      { outputs: ['logits'], overrides: ['block_a', 'shortcut'] },
      { outputs: ['logits'], overrides: ['block_a', 'shortcut'] },
    ]);
  });
});
