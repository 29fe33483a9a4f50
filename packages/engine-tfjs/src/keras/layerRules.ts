import type { Json, JsonObject } from './Json.js';

/** A config value tfjs does not implement, accepted only when it means "nothing special". */
export interface Required {
  ok: (v: Json | undefined) => boolean;
  /** The accepted value, in words, for the error message. */
  accepted: string;
}

/**
 * How one Keras layer class becomes a tfjs-layers layer. Every key of the Keras config must be listed
 * (`keep`, `drop`, `require`, `rename`, or the keys every layer has): tfjs silently ignores keys it does
 * not know, so an unlisted key could change what the layer computes without anyone noticing. An unlisted
 * key with a non-null value is refused.
 */
export interface LayerRule {
  /** The tfjs class name, when it differs from Keras's. */
  tfjs?: string;
  /** Keys tfjs implements, passed on (initializers, activations and dtypes are translated). */
  keep?: string[];
  /** Keys that do not change inference (regularizers, constraints, training-time settings): dropped. */
  drop?: string[];
  /** Keys tfjs lacks, accepted (and dropped) only with the value that changes nothing. */
  require?: Record<string, Required>;
  /** Keras key → tfjs key (Keras 3 `negative_slope` is tfjs's `alpha`). */
  rename?: Record<string, string>;
  /** The layer's own weights in Keras order (trainable ones first, as Keras 3 numbers them `vars/0`, `vars/1`, …). */
  weights?: (config: JsonObject) => string[];
  /** Keras 3 weight names that differ from the Keras 2 / tfjs names (legacy `.h5` files written by Keras 3). */
  aliases?: Record<string, string>;
  /** A last adjustment of the translated config; returns an error message when the value cannot be translated. */
  fix?: (config: JsonObject) => string | undefined;
}

/** Keys every layer config may have. */
export const COMMON_KEYS = ['name', 'trainable', 'dtype', 'batch_input_shape', 'batch_size'];
/** Keys every layer may have that do not change inference. */
export const COMMON_DROPPED = ['activity_regularizer', 'input_dtype'];

const is = (value: Json, accepted = JSON.stringify(value)): Required => ({
  ok: (v) => v === undefined || JSON.stringify(v) === JSON.stringify(value),
  accepted,
});
const absent: Required = { ok: (v) => v === undefined || v === null || v === 0, accepted: 'unset' };
const falsy: Required = { ok: (v) => v === undefined || v === null || v === false, accepted: 'false' };
const oneOf = (...values: Json[]): Required => ({
  ok: (v) => v === undefined || values.some((x) => JSON.stringify(x) === JSON.stringify(v)),
  accepted: values.map((x) => JSON.stringify(x)).join(' or '),
});
/** Accepted when the value is a number or list of numbers all equal to one (dilations, groups). */
const ones: Required = {
  ok: (v) => v === undefined || v === null || v === 1 || (Array.isArray(v) && v.every((x) => x === 1)),
  accepted: '1',
};

const REGULARIZED = (...prefixes: string[]) => prefixes.flatMap((p) => [`${p}_regularizer`, `${p}_constraint`]);
const withBias = (c: JsonObject, ...names: string[]) => (c.use_bias === false ? names : [...names, 'bias']);

/** `axis` of BatchNormalization: Keras 2 stores the list it normalised over ([3]); tfjs takes one number. */
function singleAxis(c: JsonObject): string | undefined {
  if (Array.isArray(c.axis)) {
    if (c.axis.length !== 1 || typeof c.axis[0] !== 'number') return `axis ${JSON.stringify(c.axis)}: tfjs normalises over one axis only`;
    c.axis = c.axis[0];
  }
  return undefined;
}

const CONV = ['kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'activation', 'use_bias', 'bias_initializer'];
const POOL = ['pool_size', 'strides', 'padding', 'data_format'];

/**
 * The Keras layer classes Visor reads, keyed by Keras class name. Keys and defaults checked against Keras
 * 2.13 (`keras/layers/…` get_config) and Keras 3 (`keras/src/layers/…` get_config), and against what
 * tfjs-layers 4.22 implements (its `*LayerArgs`).
 */
export const LAYER_RULES: Record<string, LayerRule> = {
  InputLayer: {
    keep: ['batch_input_shape'],
    rename: { batch_shape: 'batch_input_shape' },
    require: { sparse: falsy, ragged: falsy, optional: falsy },
  },
  Conv2D: {
    keep: ['filters', 'kernel_initializer', ...CONV],
    drop: REGULARIZED('kernel', 'bias'),
    require: { groups: ones, lora_rank: absent, lora_alpha: absent },
    weights: (c) => withBias(c, 'kernel'),
  },
  DepthwiseConv2D: {
    keep: ['depth_multiplier', 'depthwise_initializer', ...CONV],
    drop: [...REGULARIZED('depthwise', 'bias', 'kernel'), 'kernel_initializer', 'filters'],
    require: { groups: ones },
    weights: (c) => withBias(c, 'depthwise_kernel'),
    aliases: { kernel: 'depthwise_kernel' },
  },
  SeparableConv2D: {
    keep: ['filters', 'depth_multiplier', 'depthwise_initializer', 'pointwise_initializer', ...CONV],
    drop: [...REGULARIZED('depthwise', 'pointwise', 'bias', 'kernel'), 'kernel_initializer'],
    require: { groups: ones },
    weights: (c) => withBias(c, 'depthwise_kernel', 'pointwise_kernel'),
  },
  Dense: {
    keep: ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer'],
    drop: REGULARIZED('kernel', 'bias'),
    require: { quantization_config: is(null, 'null'), lora_rank: absent, lora_alpha: absent },
    weights: (c) => withBias(c, 'kernel'),
  },
  BatchNormalization: {
    keep: ['axis', 'momentum', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer', 'moving_mean_initializer', 'moving_variance_initializer'],
    drop: [...REGULARIZED('beta', 'gamma'), 'synchronized', 'renorm_clipping', 'renorm_momentum', 'fused'],
    require: { renorm: falsy, virtual_batch_size: is(null, 'null'), adjustment: is(null, 'null') },
    weights: (c) => [...(c.scale === false ? [] : ['gamma']), ...(c.center === false ? [] : ['beta']), 'moving_mean', 'moving_variance'],
    fix: singleAxis,
  },
  LayerNormalization: {
    keep: ['axis', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer'],
    drop: REGULARIZED('beta', 'gamma'),
    require: { rms_scaling: falsy },
    weights: (c) => [...(c.scale === false ? [] : ['gamma']), ...(c.center === false ? [] : ['beta'])],
  },
  Activation: { keep: ['activation'] },
  ReLU: {
    keep: ['max_value'],
    require: { negative_slope: is(0, '0'), threshold: is(0, '0') },
  },
  LeakyReLU: { keep: ['alpha'], rename: { negative_slope: 'alpha' } },
  PReLU: {
    keep: ['alpha_initializer', 'shared_axes'],
    drop: REGULARIZED('alpha'),
    weights: () => ['alpha'],
  },
  ELU: { keep: ['alpha'] },
  Softmax: { keep: ['axis'] },
  ThresholdedReLU: { keep: ['theta'] },
  MaxPooling2D: { keep: POOL },
  AveragePooling2D: { keep: POOL },
  GlobalAveragePooling2D: { keep: ['data_format'], require: { keepdims: falsy } },
  GlobalMaxPooling2D: { keep: ['data_format'], require: { keepdims: falsy } },
  ZeroPadding2D: { keep: ['padding', 'data_format'] },
  Cropping2D: { keep: ['cropping', 'data_format'] },
  // Bilinear upsampling is refused: Keras resizes with half-pixel centres (tf.image.resize), tfjs without.
  // Nearest-neighbour upsampling by an integer factor picks the same pixels either way.
  UpSampling2D: { keep: ['size', 'data_format', 'interpolation'], require: { interpolation: oneOf('nearest') } },
  Flatten: { keep: ['data_format'] },
  Reshape: { keep: ['target_shape'] },
  Permute: { keep: ['dims'] },
  Dropout: { keep: ['rate', 'noise_shape', 'seed'] },
  // Identity at inference, like Dropout; tfjs has no 2-D variant.
  SpatialDropout2D: { tfjs: 'Dropout', keep: ['rate', 'seed'], drop: ['data_format', 'noise_shape'] },
  GaussianNoise: { keep: ['stddev'], drop: ['seed'] },
  GaussianDropout: { keep: ['rate'], drop: ['seed'] },
  AlphaDropout: { keep: ['rate', 'noise_shape', 'seed'] },
  Add: {},
  Multiply: {},
  Average: {},
  Maximum: {},
  Minimum: {},
  Concatenate: { keep: ['axis'] },
  Rescaling: { keep: ['scale', 'offset'] },
};

/** Nested models used as layers. */
export const MODEL_CLASSES = ['Functional', 'Model', 'Sequential'];

/**
 * Keras classes tfjs has but whose Keras behaviour it does not reproduce, with the reason; and Keras
 * classes that commonly appear in image classifiers and have no tfjs counterpart.
 */
export const REFUSED: Record<string, string> = {
  Resizing: 'tfjs resizes with aligned corners, Keras with half-pixel centres: the model would see a different image',
  Normalization: 'tfjs has no Normalization layer',
  Subtract: 'tfjs has no Subtract layer',
  Lambda: 'a Lambda layer holds Python code, which cannot run outside Python',
  TFOpLambda: 'a TensorFlow op called on Keras tensors holds Python code, which cannot run outside Python',
  SlicingOpLambda: 'a tensor slice on Keras tensors holds Python code, which cannot run outside Python',
};
