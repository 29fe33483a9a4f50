import type { RgbaImage } from '@visor/core';
import { PNG } from 'pngjs';

/** Encodes an RGBA image as PNG bytes (8-bit RGBA). */
export function encodePng(img: RgbaImage): Uint8Array {
  if (img.data.length !== img.width * img.height * 4) {
    throw new Error(`encodePng: ${img.width}×${img.height} RGBA needs ${img.width * img.height * 4} bytes, got ${img.data.length}`);
  }
  const png = new PNG({ width: img.width, height: img.height });
  Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength).copy(png.data);
  // zlib level 6: about half the time of pngjs's default 9 for nearly the same size.
  const buf = PNG.sync.write(png, { colorType: 6, deflateLevel: 6 });
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Decodes PNG bytes to RGBA (for tests and tools). */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}
