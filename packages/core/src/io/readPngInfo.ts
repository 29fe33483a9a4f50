import { crc32 } from 'node:zlib';
import { inputError } from './inputError.js';
import { checkSize } from './limits.js';

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
  colorType: number;
  interlaced: boolean;
  /** The file without tRNS chunks when they would make the decoder black out pixels of a grey/RGB
   * image (we drop alpha anyway), otherwise the file itself. */
  decoderBytes: Uint8Array;
}

const VALID_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const COLOR_NAMES: Record<number, string> = { 0: 'grey', 2: 'RGB', 3: 'palette', 4: 'grey+alpha', 6: 'RGBA' };

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/**
 * Walks the PNG chunk list: reads the IHDR, refuses sizes outside the limits before anything is
 * inflated, and checks that every chunk is complete and its CRC matches. The signature is assumed
 * checked by the caller.
 *
 * pngjs checks CRCs too, but only of the chunks it is given and only after we have used the IHDR
 * (and dropped tRNS chunks): checking here gives one clear error naming the chunk, before any of
 * its values are trusted.
 */
export function readPngInfo(bytes: Uint8Array, file: string): PngInfo {
  const truncated = (detail: string) => inputError(file, `PNG is truncated: ${detail} (file is ${bytes.length} bytes).`, 'Re-export or re-download the image.');
  let offset = 8;
  let info: Omit<PngInfo, 'decoderBytes'> | null = null;
  let sawIdat = false;
  let sawPlte = false;
  let sawEnd = false;
  const trns: Array<[number, number]> = [];
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) throw truncated(`it ends inside a chunk header at byte ${offset}`);
    const length = u32(bytes, offset);
    const type = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!, bytes[offset + 6]!, bytes[offset + 7]!);
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw truncated(`chunk '${type}' at byte ${offset} declares ${length} data bytes but the file ends first`);
    }
    const stored = u32(bytes, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== stored) {
      throw inputError(
        file,
        `PNG is corrupt: CRC mismatch in chunk '${type}' at byte ${offset}.`,
        'The file was damaged in transfer or storage; re-export or re-download it.',
      );
    }
    if (info === null) {
      if (type !== 'IHDR' || length !== 13) throw inputError(file, `PNG is corrupt: the first chunk is '${type}', not IHDR.`);
      const d = offset + 8;
      const width = u32(bytes, d);
      const height = u32(bytes, d + 4);
      const bitDepth = bytes[d + 8]!;
      const colorType = bytes[d + 9]!;
      const interlace = bytes[d + 12]!;
      if (!(colorType in VALID_DEPTHS) || !VALID_DEPTHS[colorType]!.includes(bitDepth)) {
        throw inputError(
          file,
          `PNG has an invalid colour type ${colorType} with bit depth ${bitDepth}; valid: grey 1/2/4/8/16, RGB 8/16, ` +
            'palette 1/2/4/8, grey+alpha 8/16, RGBA 8/16.',
        );
      }
      if (interlace > 1) throw inputError(file, `PNG declares an unknown interlace method ${interlace}.`);
      // Refuse absurd sizes before any pixel data is read or inflated.
      checkSize(file, width, height, `PNG (${COLOR_NAMES[colorType]}, ${bitDepth}-bit)`);
      info = { width, height, bitDepth, colorType, interlaced: interlace === 1 };
    } else if (type === 'PLTE') {
      sawPlte = true;
    } else if (type === 'IDAT') {
      sawIdat = true;
    } else if (type === 'tRNS' && (info.colorType === 0 || info.colorType === 2)) {
      trns.push([offset, end]);
    } else if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    offset = end;
  }
  if (info === null) throw truncated('it has no IHDR chunk');
  if (!sawIdat) throw inputError(file, 'PNG has no image data (no IDAT chunk).');
  if (!sawEnd) throw truncated('the IEND chunk is missing');
  if (info.colorType === 3 && !sawPlte) throw inputError(file, 'PNG is a palette image without a PLTE chunk.');
  let decoderBytes = bytes;
  if (trns.length > 0) {
    const parts: Uint8Array[] = [];
    let from = 0;
    for (const [s, e] of trns) {
      parts.push(bytes.subarray(from, s));
      from = e;
    }
    parts.push(bytes.subarray(from));
    decoderBytes = concat(parts);
  }
  return { ...info, decoderBytes };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
