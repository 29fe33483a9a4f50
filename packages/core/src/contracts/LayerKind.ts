/**
 * What a layer (or graph node) does, in engine-neutral terms, so that methods can read a model's
 * structure without knowing Keras class names, TF ops or ONNX ops (a Keras `GlobalAveragePooling2D`,
 * a TF graph `Mean` over [1, 2] and an ONNX `GlobalAveragePool` are all `global-avg-pool`).
 *
 * - `input`: the model input.
 * - `conv`: a convolution (Conv2D, DepthwiseConv2D, SeparableConv2D, ONNX Conv).
 * - `dense`: a learned linear map of a vector (Dense, MatMul/Gemm with a constant weight).
 * - `bias`: the addition of a constant vector after a `dense` (TF BiasAdd, ONNX Add).
 * - `global-avg-pool` / `global-max-pool`: pooling over all spatial positions.
 * - `pool`: windowed pooling (max or average).
 * - `activation`: an element-wise nonlinearity (ReLU, sigmoid, …; see LayerInfo.activation).
 * - `softmax`: a softmax over classes.
 * - `normalization`: batch normalisation and its relatives (a per-channel affine map at inference).
 * - `reshape`: a change of shape that keeps every value (Flatten, Reshape, Squeeze, Transpose).
 * - `identity`: passes its input through at inference time (Dropout, Identity, noise layers).
 * - `merge`: combines several inputs (Add, Concatenate, Multiply).
 * - `padding`: pads or crops spatially.
 * - `model`: a nested model used as a layer (its own layers are listed with `parent/` names).
 * - `other`: anything else.
 */
export type LayerKind =
  | 'input'
  | 'conv'
  | 'dense'
  | 'bias'
  | 'global-avg-pool'
  | 'global-max-pool'
  | 'pool'
  | 'activation'
  | 'softmax'
  | 'normalization'
  | 'reshape'
  | 'identity'
  | 'merge'
  | 'padding'
  | 'model'
  | 'other';
