import { readFile, stat } from 'node:fs/promises';
import type { DecodedInput } from './DecodedInput.js';
import { decodeInputBytes } from './decodeInputBytes.js';
import { decodePng } from './decodePng.js';
import { ACCEPTED_INPUTS, inputError } from './inputError.js';

/**
 * Reads and decodes one input file. The format is chosen from the file's magic bytes, not its
 * name. Every failure is a VisorError with code 'input' naming the file, what is wrong and what is
 * accepted.
 */
export async function readInput(path: string): Promise<DecodedInput> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw inputError(path, `is a directory; expected an image or array file: ${ACCEPTED_INPUTS}.`, 'Use a glob like dir/*.jpg to take every image in it.');
    }
    if (!st.isFile()) throw inputError(path, `is not a regular file; expected ${ACCEPTED_INPUTS}.`);
    size = st.size;
  } catch (e) {
    throw fsError(path, e);
  }
  if (size === 0) throw inputError(path, `is empty (0 bytes); expected ${ACCEPTED_INPUTS}.`);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw fsError(path, e);
  }
  return decodeInputBytes(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), path, decodePng);
}

function fsError(path: string, e: unknown): Error {
  if (e instanceof Error && e.name === 'VisorError') return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return inputError(path, 'file not found.', 'Check the path (relative paths are resolved from the current directory).', e);
    case 'ENOTDIR':
      return inputError(path, 'file not found: a parent in the path is not a directory.', undefined, e);
    case 'EISDIR':
      return inputError(path, `is a directory; expected an image or array file: ${ACCEPTED_INPUTS}.`, undefined, e);
    case 'EACCES':
    case 'EPERM':
      return inputError(path, 'cannot be read: permission denied.', 'Check the file permissions (chmod +r).', e);
    default:
      return inputError(path, `cannot be read: ${(e as Error)?.message ?? String(e)}.`, undefined, e);
  }
}
