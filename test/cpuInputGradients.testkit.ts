/**
 * Makes TF.js cpu gradients w.r.t. the input (or a layer) affordable in tests, without changing them.
 *
 * A tfjs-layers convolution without a separate activation (every ResNet conv before its BatchNormalization,
 * every MobileNetV2 projection conv) runs as a fused conv, and the fused conv's custom gradient computes the
 * filter gradient eagerly along with the input gradient. Visor never asks for filter gradients, so that work
 * is thrown away, yet on the cpu backend it is 94 % of an input-gradient pass (measured, ResNet-50 at 48×48:
 * Conv2DBackpropFilter 76.6 s of 81.3 s; 9.6 s for the pass without it at 64×64).
 *
 * `skipCpuFilterGradients()` swaps the cpu kernels that compute filter gradients for ones returning zeros of
 * the filter's shape. An input gradient dx = conv2DBackpropInput(dy, filter) reads the filter, never the
 * filter's gradient, so no input or layer gradient changes (`filterGradientsUnused` checks that on a small
 * net, bit for bit). Call the returned function to put the real kernels back.
 */
import { tf } from '@visor/engine-tfjs';

const FILTER_GRADIENT_KERNELS = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter'];

interface FilterShapeAttrs {
  filterShape: number[];
}

export function skipCpuFilterGradients(): () => void {
  const originals = FILTER_GRADIENT_KERNELS.map((name) => {
    const kernel = tf.getKernel(name, 'cpu');
    if (!kernel) throw new Error(`skipCpuFilterGradients: tfjs has no cpu kernel ${name} to replace`);
    return kernel;
  });
  for (const kernel of originals) {
    tf.unregisterKernel(kernel.kernelName, 'cpu');
    tf.registerKernel({
      ...kernel,
      kernelFunc: ({ backend, attrs }) => {
        const { filterShape } = attrs as unknown as FilterShapeAttrs;
        const size = filterShape.reduce((a, b) => a * b, 1);
        return (backend as unknown as { makeTensorInfo(s: number[], d: string, v: Float32Array): tf.TensorInfo }).makeTensorInfo(
          filterShape,
          'float32',
          new Float32Array(size),
        );
      },
    });
  }
  return () => {
    for (const kernel of originals) {
      tf.unregisterKernel(kernel.kernelName, 'cpu');
      tf.registerKernel(kernel);
    }
  };
}

/**
 * The input gradient of a small seeded net with plain, depthwise and strided fused convs (the kernels
 * `skipCpuFilterGradients` replaces), taken with the real kernels and with the zero ones: returns both, which
 * must be bitwise equal. Runs on the cpu backend (call after it is set).
 */
export function filterGradientsUnused(): { real: Float32Array; skipped: Float32Array } {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [12, 12, 3] });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
  x = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthwiseInitializer: init(2) }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: 5, kernelSize: 1, kernelInitializer: init(3) }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 3, kernelInitializer: init(4) }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const x0 = tf.tensor4d(
    Float32Array.from({ length: 12 * 12 * 3 }, (_, i) => Math.sin(0.7 * i)),
    [1, 12, 12, 3],
  );
  const grad = () => {
    const g = tf.grad((t: tf.Tensor) => (model.apply(t, { training: false }) as tf.Tensor).slice([0, 1], [1, 1]).sum())(x0);
    const data = g.dataSync() as Float32Array;
    g.dispose();
    return Float32Array.from(data);
  };
  const real = grad();
  const restore = skipCpuFilterGradients();
  let skipped: Float32Array;
  try {
    skipped = grad();
  } finally {
    restore();
  }
  x0.dispose();
  model.dispose();
  return { real, skipped };
}
