/**
 * How model inputs are normalised. The presets are Keras' `imagenet_utils.preprocess_input` modes:
 * - 'caffe': RGB→BGR, then subtract the ImageNet BGR means [103.939, 116.779, 123.68]; no scaling
 *   (VGG16/19, ResNet50/101/152 v1).
 * - 'tf':    x / 127.5 − 1, i.e. −1..1 (MobileNet v1/v2, Inception v3, Xception, ResNet v2).
 * - 'torch': x / 255, then (x − [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225] (DenseNet).
 * - 'none':  values passed through (EfficientNet, ConvNeXt and models that normalise inside).
 * A custom object gives `scale` (multiplier applied first, default 1), then `mean` and `std` in the
 * scaled space (one value for all channels or one per channel, in the output channel order) and
 * `channelOrder` (default 'rgb').
 */
export type PreprocessSpec = 'caffe' | 'tf' | 'torch' | 'none' | { scale?: number; mean?: number[]; std?: number[]; channelOrder?: 'rgb' | 'bgr' };

/**
 * A preprocessing with every number explicit; plain data, so it can go into JSON reports as is.
 * Applied per pixel as: y[c] = (x[src(c)] · scale − mean[c]) / std[c], where src reverses the
 * channels when channelOrder is 'bgr' (RGB input → BGR model input). `mean`/`std` have one entry
 * (used for every channel) or one per channel.
 */
export interface ResolvedPreprocess {
  preset: 'caffe' | 'tf' | 'torch' | 'none' | 'custom';
  scale: number;
  mean: number[];
  std: number[];
  channelOrder: 'rgb' | 'bgr';
}
