import type { RgbaImage } from '@visor/core';

/** A width × height image filled with one colour. */
export function blankImage(width: number, height: number, rgba: readonly [number, number, number, number] = [0, 0, 0, 255]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}
