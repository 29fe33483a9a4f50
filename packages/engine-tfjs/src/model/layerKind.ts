import type { LayerKind } from '@visor/core';

/** Keras layer classes (tfjs-layers class names) and TF graph ops, by what they do. */
const KINDS: Record<string, LayerKind> = {
  InputLayer: 'input',
  Placeholder: 'input',
  Conv2D: 'conv',
  DepthwiseConv2D: 'conv',
  SeparableConv2D: 'conv',
  Conv2DTranspose: 'conv',
  _FusedConv2D: 'conv',
  FusedDepthwiseConv2dNative: 'conv',
  DepthwiseConv2dNative: 'conv',
  Dense: 'dense',
  MatMul: 'dense',
  _FusedMatMul: 'dense',
  BiasAdd: 'bias',
  GlobalAveragePooling2D: 'global-avg-pool',
  GlobalMaxPooling2D: 'global-max-pool',
  MaxPooling2D: 'pool',
  AveragePooling2D: 'pool',
  MaxPool: 'pool',
  AvgPool: 'pool',
  ReLU: 'activation',
  LeakyReLU: 'activation',
  PReLU: 'activation',
  ELU: 'activation',
  ThresholdedReLU: 'activation',
  Relu: 'activation',
  Relu6: 'activation',
  Elu: 'activation',
  Selu: 'activation',
  Sigmoid: 'activation',
  Tanh: 'activation',
  LeakyRelu: 'activation',
  Prelu: 'activation',
  ClipByValue: 'activation',
  Softmax: 'softmax',
  BatchNormalization: 'normalization',
  FusedBatchNorm: 'normalization',
  FusedBatchNormV3: 'normalization',
  LayerNormalization: 'normalization',
  Flatten: 'reshape',
  Reshape: 'reshape',
  Permute: 'reshape',
  Squeeze: 'reshape',
  Dropout: 'identity',
  SpatialDropout2D: 'identity',
  GaussianDropout: 'identity',
  GaussianNoise: 'identity',
  AlphaDropout: 'identity',
  Identity: 'identity',
  IdentityN: 'identity',
  Add: 'merge',
  AddV2: 'merge',
  Concatenate: 'merge',
  ConcatV2: 'merge',
  Multiply: 'merge',
  Subtract: 'merge',
  Average: 'merge',
  Maximum: 'merge',
  Minimum: 'merge',
  ZeroPadding2D: 'padding',
  Cropping2D: 'padding',
  Pad: 'padding',
  Model: 'model',
  Functional: 'model',
  Sequential: 'model',
};

/**
 * What a tfjs layer or graph node does. `Activation` layers are `softmax` when they apply one; a
 * graph `Mean` is a global average pool when it reduces the spatial axes of a 4-D tensor to a vector.
 */
export function layerKind(className: string, activation?: string, outputRank?: number): LayerKind {
  if (className === 'Activation') return activation === 'softmax' ? 'softmax' : 'activation';
  if (className === 'Mean') return outputRank === 2 ? 'global-avg-pool' : 'other';
  return KINDS[className] ?? 'other';
}
