import { ACCEPTED_INPUTS, decodeJpeg, decodeNpy, inputError, sniffFormat, type DecodedInput } from '@visor/core';
import { decodePngBytes } from './decodePngBytes.js';

/**
 * Decodes one input file's bytes as core's `readInput` does (format from the magic bytes, not the name;
 * the same decoders for JPEG and .npy, fast-png for PNG), with the same VisorErrors (code `input`).
 */
export function decodeInputBytes(bytes: Uint8Array, path: string): DecodedInput {
  if (bytes.length === 0) throw inputError(path, `is empty (0 bytes); expected ${ACCEPTED_INPUTS}.`);
  const sniff = sniffFormat(bytes);
  switch (sniff.format) {
    case 'png':
      return decodePngBytes(bytes, path);
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
