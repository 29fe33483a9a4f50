/** The mean of each channel of an H×W×C image (channels last). */
export function channelMeans(image: Float32Array, channels: number): Float64Array {
  const sums = new Float64Array(channels);
  const pixels = image.length / channels;
  for (let i = 0; i < image.length; i++) sums[i % channels]! += image[i]!;
  for (let c = 0; c < channels; c++) sums[c]! /= pixels;
  return sums;
}
