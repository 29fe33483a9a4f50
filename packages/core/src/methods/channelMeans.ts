/** The mean of each channel of an H×W×C image (row-major, channels last), in float64. */
export function channelMeans(image: Float32Array, channels: number): Float64Array {
  const pixels = image.length / channels;
  if (!Number.isInteger(pixels) || pixels < 1) {
    throw new RangeError(`channelMeans: ${image.length} values do not split into ${channels} channels`);
  }
  const sums = new Float64Array(channels);
  for (let i = 0; i < image.length; i++) sums[i % channels]! += image[i]!;
  for (let c = 0; c < channels; c++) sums[c]! /= pixels;
  return sums;
}
