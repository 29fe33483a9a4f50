import { VisorError } from '../errors/VisorError.js';

/** Every input format Visor reads, for error messages. */
export const ACCEPTED_INPUTS =
  'PNG (8/16-bit grey, grey+alpha, RGB, RGBA, palette), JPEG (baseline or progressive), ' + 'NumPy .npy (float32/float64/uint8, shape H×W or H×W×C)';

/** A VisorError with code 'input' about one file: the message starts with the file. */
export function inputError(file: string, problem: string, hint?: string, cause?: unknown): VisorError {
  return new VisorError(`${file}: ${problem}`, { code: 'input', file, hint, cause });
}
