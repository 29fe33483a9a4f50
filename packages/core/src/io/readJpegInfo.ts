import { inputError } from './inputError.js';
import { checkSize } from './limits.js';

export interface JpegInfo {
  width: number;
  height: number;
  /** 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK */
  components: number;
  progressive: boolean;
}

const SOF_NAMES: Record<number, string> = {
  0xc3: 'lossless',
  0xc5: 'hierarchical (differential sequential)',
  0xc6: 'hierarchical (differential progressive)',
  0xc7: 'hierarchical (differential lossless)',
  0xc9: 'arithmetic-coded sequential',
  0xca: 'arithmetic-coded progressive',
  0xcb: 'arithmetic-coded lossless',
  0xcd: 'arithmetic-coded hierarchical',
  0xce: 'arithmetic-coded hierarchical progressive',
  0xcf: 'arithmetic-coded hierarchical lossless',
};

/**
 * Walks the JPEG markers: reads the frame header (SOF) and refuses sizes outside the limits before
 * decoding, refuses encodings the decoder cannot read, and checks that the file reaches its EOI
 * marker (a truncated JPEG otherwise decodes silently into a half-grey picture).
 */
export function readJpegInfo(bytes: Uint8Array, file: string): JpegInfo {
  const truncated = (detail: string) =>
    inputError(file, `JPEG is truncated: ${detail} (file is ${bytes.length} bytes).`, 'Re-export or re-download the image.');
  const n = bytes.length;
  let offset = 2; // after SOI
  let info: JpegInfo | null = null;
  let sawScan = false;
  for (;;) {
    // Find the next marker (0xFF followed by a non-0xFF byte).
    if (offset >= n) throw truncated('it ends before the end-of-image marker');
    if (bytes[offset] !== 0xff) {
      throw inputError(file, `JPEG is corrupt: expected a marker at byte ${offset}, found 0x${bytes[offset]!.toString(16)}.`);
    }
    while (offset < n && bytes[offset] === 0xff) offset++;
    if (offset >= n) throw truncated('it ends inside a marker');
    const marker = bytes[offset++]!;
    if (marker === 0xd9) break; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // no length
    if (offset + 2 > n) throw truncated(`it ends inside marker 0xFF${hex(marker)}`);
    const length = (bytes[offset]! << 8) | bytes[offset + 1]!;
    if (length < 2) throw inputError(file, `JPEG is corrupt: marker 0xFF${hex(marker)} has length ${length}.`);
    const segEnd = offset + length;
    if (segEnd > n) throw truncated(`segment 0xFF${hex(marker)} at byte ${offset - 2} declares ${length} bytes`);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (info !== null) throw inputError(file, 'JPEG has more than one frame; only single-frame JPEGs are accepted.');
      if (marker in SOF_NAMES) {
        throw inputError(
          file,
          `JPEG uses ${SOF_NAMES[marker]} coding (SOF${marker - 0xc0}), which is not supported; ` + 'accepted: baseline and progressive Huffman-coded JPEG.',
          'Re-save it as a standard JPEG or as PNG.',
        );
      }
      if (length < 8) throw truncated('its frame header is incomplete');
      const precision = bytes[offset + 2];
      const height = (bytes[offset + 3]! << 8) | bytes[offset + 4]!;
      const width = (bytes[offset + 5]! << 8) | bytes[offset + 6]!;
      const components = bytes[offset + 7]!;
      if (precision !== 8) {
        throw inputError(file, `JPEG has ${precision}-bit samples; only 8-bit JPEG is supported.`, 'Re-save it as 8-bit JPEG or 16-bit PNG.');
      }
      if (height === 0) throw inputError(file, 'JPEG declares its height later in the file (DNL marker), which is not supported.');
      if (![1, 3, 4].includes(components)) {
        throw inputError(file, `JPEG has ${components} colour components; accepted: 1 (grey), 3 (colour), 4 (CMYK).`);
      }
      checkSize(file, width, height, `JPEG (${components === 1 ? 'grey' : components === 3 ? 'colour' : 'CMYK'})`);
      info = { width, height, components, progressive: marker === 0xc2 };
    }
    offset = segEnd;
    if (marker === 0xda) {
      if (info === null) throw inputError(file, 'JPEG is corrupt: image data (SOS) comes before the frame header (SOF).');
      sawScan = true;
      // Skip the entropy-coded data: it ends at the first 0xFF that is not stuffing (00) or a restart marker.
      while (offset < n) {
        if (bytes[offset] === 0xff && offset + 1 < n) {
          const next = bytes[offset + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        offset++;
      }
      if (offset >= n - 1) throw truncated('the image data stops before the end-of-image marker');
    }
  }
  if (info === null) throw inputError(file, 'JPEG has no frame header (SOF): it contains no image.');
  if (!sawScan) throw inputError(file, 'JPEG has no image data (no SOS segment before the end-of-image marker).');
  return info;
}

const hex = (m: number) => m.toString(16).toUpperCase().padStart(2, '0');
