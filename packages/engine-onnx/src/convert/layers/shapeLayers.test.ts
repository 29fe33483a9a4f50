import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithTfjs, expectSameAsTfjs, seededSequential as seq, tf, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

describe('Flatten, Reshape, Permute, identity layers', () => {
  it("Flatten in Keras's (h, w, c) order after an NCHW conv; Dropout and noise layers are identities", async () => {
    const { spec } = await expectSameAsTfjs(
      seq([
        tf.layers.conv2d({ inputShape: [3, 4, 2], filters: 5, kernelSize: 1, name: 'c' }),
        tf.layers.dropout({ rate: 0.5, name: 'drop' }),
        tf.layers.gaussianNoise({ stddev: 1, name: 'noise' }),
        tf.layers.flatten({ name: 'flat' }),
        tf.layers.dense({ units: 3, name: 'd' }),
      ]),
    );
    expect(spec.layers.find((l) => l.name === 'drop')).toMatchObject({ kind: 'identity', outputShape: [null, 3, 4, 5] });
    expect(spec.layers.find((l) => l.name === 'flat')).toMatchObject({ kind: 'reshape', outputShape: [null, 60] });
  });

  it('Reshape image → sequence → image, Permute of an image and of a sequence', async () => {
    await expectSameAsTfjs(
      seq([
        tf.layers.conv2d({ inputShape: [3, 4, 2], filters: 6, kernelSize: 1, name: 'c' }),
        tf.layers.reshape({ targetShape: [12, 6], name: 'to_seq' }),
        tf.layers.permute({ dims: [2, 1], name: 'perm_seq' }),
        tf.layers.reshape({ targetShape: [2, 9, 4], name: 'to_img' }),
        tf.layers.permute({ dims: [3, 1, 2], name: 'perm_img' }),
        tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c2' }),
        tf.layers.permute({ dims: [2, 3, 1], name: 'perm_img2' }),
        tf.layers.flatten({ name: 'f' }),
      ]),
    );
  });

  it('Reshape with −1 (TF.js saves it as null and leaves the size unknown; the converter infers it)', async () => {
    const m = seq([
      tf.layers.conv2d({ inputShape: [3, 4, 2], filters: 6, kernelSize: 1, name: 'c' }),
      tf.layers.reshape({ targetShape: [-1, 3], name: 'r' }),
      tf.layers.reshape({ targetShape: [-1], name: 'out' }),
    ]);
    const c = await compareWithTfjs(m);
    expect(c.worst.diff).toBeLessThan(1e-5);
    expect(c.spec.layers.find((l) => l.name === 'r')?.outputShape).toEqual([null, 24, 3]);
    expect(c.shapeMismatches).toEqual(['r', 'out']);
  });
});
