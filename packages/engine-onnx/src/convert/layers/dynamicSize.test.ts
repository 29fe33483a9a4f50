import { beforeAll, describe, expect, it } from 'vitest';
import { convertTfjsModel } from '../convertTfjsModel.js';
import { runOnnx } from '../onnxRun.testkit.js';
import { artifactsOf, relDiff, seededSequential as seq, seededValues, tf, useCpu } from '../tfjsReference.testkit.js';

beforeAll(useCpu);

describe('an input of unknown height and width', () => {
  it('converts with symbolic sizes (TF SAME as auto_pad SAME_UPPER) and matches TF.js at odd and even sizes', async () => {
    const m = seq([
      tf.layers.conv2d({ inputShape: [null, null, 3], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c1' }),
      tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'mp' }),
      tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'same', name: 'ap' }),
      tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', name: 'dw' }),
      tf.layers.globalAveragePooling2d({ name: 'gap' }),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }),
    ]);
    const spec = convertTfjsModel(await artifactsOf(m), 'dynamic');
    expect(spec.input.shape).toEqual([null, null, 3]);
    expect(spec.layers.find((l) => l.name === 'mp')?.outputShape).toEqual([null, null, null, 4]);
    for (const [h, w] of [
      [17, 13],
      [16, 20],
    ] as const) {
      const x = { data: seededValues(2 * h * w * 3, h), shape: [2, h, w, 3] };
      const [dw, out] = await runOnnx(spec.proto, { [spec.input.name]: x }, ['dw', 'out']);
      const probe = tf.model({ inputs: m.inputs, outputs: [m.getLayer('dw').output as tf.SymbolicTensor, m.outputs[0]!] });
      const [rdw, rout] = probe.predict(tf.tensor4d(x.data, [2, h, w, 3])) as tf.Tensor[];
      expect(dw!.shape).toEqual([2, 4, ...rdw!.shape.slice(1, 3)]);
      expect(
        relDiff(tf.transpose(tf.tensor4d(dw!.data, dw!.shape as [number, number, number, number]), [0, 2, 3, 1]).dataSync(), rdw!.dataSync()),
      ).toBeLessThan(1e-5);
      expect(relDiff(out!.data, rout!.dataSync())).toBeLessThan(1e-5);
      tf.dispose([rdw, rout]);
    }
  });
});
