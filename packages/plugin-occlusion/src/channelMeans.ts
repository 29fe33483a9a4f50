/** Per-channel mean of an H×W×C image (row-major, channels last). */
export function channelMeans(image: Float32Array, channels: number): Float32Array {
  const pixels = image.length / channels;
  if (!Number.isInteger(pixels) || pixels < 1) {
    throw new RangeError(`channelMeans: ${image.length} values do not split into ${channels} channels`);
  }
  const sums = new Float64Array(channels);
  for (let i = 0; i < image.length; i++) sums[i % channels]! += image[i]!;
  return Float32Array.from(sums, (s) => s / pixels);
}
