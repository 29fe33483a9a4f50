import { beforeAll, describe, it } from 'vitest';
import { expectSameAsTfjs, seededSequential as seq, tf, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

describe('padding, cropping and upsampling', () => {
  it('ZeroPadding2D (asymmetric), Cropping2D (asymmetric, one side 0), UpSampling2D nearest and bilinear', async () => {
    await expectSameAsTfjs(
      seq([
        tf.layers.zeroPadding2d({
          inputShape: [4, 5, 2],
          padding: [
            [1, 2],
            [0, 3],
          ],
          name: 'pad',
        }),
        tf.layers.cropping2D({
          cropping: [
            [1, 0],
            [2, 1],
          ],
          name: 'crop',
        }),
        tf.layers.upSampling2d({ size: [2, 3], name: 'up' }),
        tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear', name: 'up_bilinear' }),
        tf.layers.zeroPadding2d({ padding: 1, name: 'pad1' }),
        tf.layers.flatten({ name: 'f' }),
      ]),
    );
  });
});
