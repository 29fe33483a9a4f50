/**
 * Guided Grad-CAM (Selvaraju et al. 2017) of one pair: guided [H, W, C] ⊙ cam [H, W] / max(cam), the
 * Grad-CAM map (already ReLU'd and upsampled to the input) scaled to [0, 1], broadcast over channels,
 * as in the authors' code (`cam / np.max(cam)`). A map whose maximum is not positive (all zero) gives
 * an all-zero result. Returns new arrays { product [H·W·C], camScaled [H·W] }.
 */
export function guidedGradCamProduct(guided: Float32Array, cam: Float32Array, channels: number): { product: Float32Array; camScaled: Float32Array } {
  if (guided.length !== cam.length * channels) {
    throw new Error(`guidedGradCamProduct: ${guided.length} guided values for a ${cam.length}-pixel map with ${channels} channels`);
  }
  let peak = 0;
  for (let p = 0; p < cam.length; p++) if (cam[p]! > peak) peak = cam[p]!;
  const camScaled = new Float32Array(cam.length);
  const product = new Float32Array(guided.length);
  if (peak > 0) {
    for (let p = 0; p < cam.length; p++) {
      const s = cam[p]! / peak;
      camScaled[p] = s;
      for (let c = 0; c < channels; c++) product[p * channels + c] = guided[p * channels + c]! * s;
    }
  }
  return { product, camScaled };
}
