import type { CropBox } from './resizeBilinear.js';

/**
 * The largest centred region of a width×height image with the aspect ratio of outWidth×outHeight
 * (whole pixels; an odd leftover pixel goes to the right/bottom margin).
 */
export function centerCrop(width: number, height: number, outWidth: number, outHeight: number): CropBox {
  if (width * outHeight > height * outWidth) {
    const w = Math.max(1, Math.min(width, Math.round((height * outWidth) / outHeight)));
    return { x: Math.floor((width - w) / 2), y: 0, width: w, height };
  }
  const h = Math.max(1, Math.min(height, Math.round((width * outHeight) / outWidth)));
  return { x: 0, y: Math.floor((height - h) / 2), width, height: h };
}
