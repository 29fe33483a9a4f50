import * as act from './activationLayers.js';
import * as conv from './convLayers.js';
import { dense } from './denseLayer.js';
import type { LayerConverter } from './LayerContext.js';
import * as merge from './mergeLayers.js';
import * as norm from './normalizationLayers.js';
import * as pool from './poolingLayers.js';
import * as shape from './shapeLayers.js';
import * as spatial from './spatialLayers.js';

/** Keras layer class → its converter: the layer set of the ONNX conversion (InputLayer and nested models are handled by the model converter). */
export const LAYER_CONVERTERS: Readonly<Record<string, LayerConverter>> = {
  Conv2D: conv.conv2d,
  Convolution2D: conv.conv2d,
  DepthwiseConv2D: conv.depthwiseConv2d,
  SeparableConv2D: conv.separableConv2d,
  SeparableConvolution2D: conv.separableConv2d,
  Dense: dense,
  BatchNormalization: norm.batchNormalization,
  Rescaling: norm.rescaling,
  Normalization: norm.normalization,
  Activation: act.activation,
  ReLU: act.relu,
  ReLU6: act.relu,
  LeakyReLU: act.leakyRelu,
  ELU: act.elu,
  PReLU: act.prelu,
  ThresholdedReLU: act.thresholdedRelu,
  Softmax: act.softmax,
  Add: merge.add,
  Subtract: merge.subtract,
  Multiply: merge.multiply,
  Average: merge.average,
  Maximum: merge.maximum,
  Minimum: merge.minimum,
  Concatenate: merge.concatenate,
  MaxPooling2D: pool.maxPooling2d,
  MaxPool2D: pool.maxPooling2d,
  AveragePooling2D: pool.averagePooling2d,
  AvgPool2D: pool.averagePooling2d,
  GlobalAveragePooling2D: pool.globalAveragePooling2d,
  GlobalAvgPool2D: pool.globalAveragePooling2d,
  GlobalMaxPooling2D: pool.globalMaxPooling2d,
  GlobalMaxPool2D: pool.globalMaxPooling2d,
  ZeroPadding2D: spatial.zeroPadding2d,
  Cropping2D: spatial.cropping2d,
  UpSampling2D: spatial.upSampling2d,
  Flatten: shape.flatten,
  Reshape: shape.reshape,
  Permute: shape.permute,
  Dropout: shape.identity,
  SpatialDropout1D: shape.identity,
  SpatialDropout2D: shape.identity,
  GaussianNoise: shape.identity,
  GaussianDropout: shape.identity,
  AlphaDropout: shape.identity,
  ActivityRegularization: shape.identity,
};
