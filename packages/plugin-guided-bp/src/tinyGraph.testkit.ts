import { tf } from '@visor/engine-tfjs';
import { CONV2D_ATTRS, CONV_BIAS, CONV_KERNEL, FLOAT_T, graphModelJson, graphOps as op, graphString, type GraphNode } from '@visor/engine-tfjs/testing';

/**
 * The tiny CNN of the hand-worked tests as a TF.js GraphModel, written the way the converter writes
 * it, so the rewrite is checked on graph ops:
 *   x [-1,4,4,1] → conv (3×3 diag(1,2,3), bias 0.5) with the ReLU as
 *     'fused-relu'  : _FusedConv2D fused_ops [BiasAdd, Relu]
 *     'fused-relu6' : _FusedConv2D fused_ops [BiasAdd, Relu6]
 *     'op-relu'     : Conv2D → BiasAdd → Relu
 *     'op-clip6'    : Conv2D → BiasAdd → ClipByValue(0, 6)
 *   → Reshape [-1, 4] → MatMul (head [4, 2]) → BiasAdd → Identity (linear output).
 */
export type GraphRelu = 'fused-relu' | 'fused-relu6' | 'op-relu' | 'op-clip6';

export async function tinyGraph(relu: GraphRelu, dense0: number[], dense1 = [1, 1, 1, 1], bias = [0.1, -0.2]): Promise<tf.GraphModel> {
  const convNodes: GraphNode[] =
    relu === 'fused-relu' || relu === 'fused-relu6'
      ? [
          {
            name: 'conv/act',
            op: '_FusedConv2D',
            input: ['x', 'conv/kernel', 'conv/bias'],
            attr: {
              ...CONV2D_ATTRS,
              num_args: { i: '1' },
              fused_ops: { list: { s: [graphString('BiasAdd'), graphString(relu === 'fused-relu' ? 'Relu' : 'Relu6')] } },
              epsilon: { f: 0 },
            },
          },
        ]
      : [
          op.conv2d('conv/Conv2D', 'x', 'conv/kernel'),
          op.biasAdd('conv/BiasAdd', 'conv/Conv2D', 'conv/bias'),
          relu === 'op-relu'
            ? op.relu('conv/act', 'conv/BiasAdd')
            : { name: 'conv/act', op: 'ClipByValue', input: ['conv/BiasAdd', 'clip/min', 'clip/max'], attr: { T: FLOAT_T } },
        ];
  const clip = relu === 'op-clip6';
  const json = graphModelJson(
    [op.placeholder('x', [-1, 4, 4, 1])],
    [
      { name: 'conv/kernel', shape: [3, 3, 1, 1], values: CONV_KERNEL.flat() },
      { name: 'conv/bias', shape: [1], values: [CONV_BIAS] },
      ...(clip
        ? [
            { name: 'clip/min', shape: [], values: [0] },
            { name: 'clip/max', shape: [], values: [6] },
          ]
        : []),
      { name: 'flat/shape', shape: [2], dtype: 'int32', values: [-1, 4] },
      { name: 'fc/kernel', shape: [4, 2], values: dense0.flatMap((w, i) => [w, dense1[i]!]) },
      { name: 'fc/bias', shape: [2], values: bias },
    ],
    [
      ...convNodes,
      { name: 'flat', op: 'Reshape', input: ['conv/act', 'flat/shape'], attr: { T: FLOAT_T, Tshape: { type: 'DT_INT32' } } },
      op.matMul('fc/MatMul', 'flat', 'fc/kernel'),
      op.biasAdd('fc/BiasAdd', 'fc/MatMul', 'fc/bias'),
      op.identity('Identity', 'fc/BiasAdd'),
    ],
  );
  return tf.loadGraphModel(tf.io.fromMemory(json));
}
