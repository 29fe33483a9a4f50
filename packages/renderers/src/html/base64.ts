/** Bytes as base64 through the platform's `btoa` (Node ≥ 16 and browsers), in chunks so long arrays do not overflow the call stack. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Float32 values as little-endian bytes in base64 (4 bytes each, exact). */
export function float32Base64(data: Float32Array): string {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return base64(bytes);
}

/** A PNG's bytes as a data URL. */
export const pngDataUrl = (png: Uint8Array): string => `data:image/png;base64,${base64(png)}`;
