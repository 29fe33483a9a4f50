import { readFile } from 'node:fs/promises';
import { VisorError } from '../errors/VisorError.js';
import { LABEL_FILES_ACCEPTED, parseLabels } from './parseLabels.js';

const fail = (file: string, problem: string, cause?: unknown) =>
  new VisorError(`${file}: ${problem}`, { code: 'config', file, hint: `Accepted label files: ${LABEL_FILES_ACCEPTED}.`, cause });

/**
 * Reads class names from a user file: a JSON array (index = position), a JSON object keyed by
 * index with a name or a Keras [wnid, name] pair as value (indices must run 0..n−1), or plain text
 * with one name per line (trailing blank lines ignored). Returns the names by index.
 */
export async function loadLabels(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'labels file not found.'
        : code === 'EISDIR'
          ? 'is a directory, expected a labels file.'
          : code === 'EACCES' || code === 'EPERM'
            ? 'labels file cannot be read: permission denied.'
            : `labels file cannot be read: ${(e as Error).message}.`;
    throw fail(path, why, e);
  }
  return parseLabels(text, path);
}
