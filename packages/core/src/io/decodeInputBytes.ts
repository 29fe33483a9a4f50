import type { DecodedInput } from './DecodedInput.js';
import { decodeJpeg } from './decodeJpeg.js';
import { decodeNpy } from './decodeNpy.js';
import { ACCEPTED_INPUTS, inputError } from './inputError.js';
import { sniffFormat } from './sniffFormat.js';

/** Decodes a PNG file's bytes: core's `decodePng` (pngjs) in Node, the web app's own in a page. */
export type PngDecoder = (bytes: Uint8Array, path: string) => DecodedInput;

/**
 * Decodes one input file's bytes. The format is chosen from the magic bytes, not the name; JPEG and .npy
 * with core's decoders, PNG with `decodePng` (the one browser-dependent part). Every failure is a VisorError
 * with code 'input' naming the file, what is wrong and what is accepted.
 */
export function decodeInputBytes(bytes: Uint8Array, path: string, decodePng: PngDecoder): DecodedInput {
  if (bytes.length === 0) throw inputError(path, `is empty (0 bytes); expected ${ACCEPTED_INPUTS}.`);
  const sniff = sniffFormat(bytes);
  switch (sniff.format) {
    case 'png':
      return decodePng(bytes, path);
    case 'jpeg':
      return decodeJpeg(bytes, path);
    case 'npy':
      return decodeNpy(bytes, path);
    default: {
      const what = sniff.looksLike ? `is ${sniff.looksLike}, which is not supported` : 'is not a recognised image or array file (unknown format)';
      throw inputError(
        path,
        `${what}; accepted: ${ACCEPTED_INPUTS}. The format is read from the file's content, not its extension.`,
        'Convert it to PNG or JPEG.',
      );
    }
  }
}
