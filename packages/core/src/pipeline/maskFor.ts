import { basename, extname, resolve } from 'node:path';
import type { NdArray } from '../contracts/NdArray.js';
import { VisorError } from '../errors/VisorError.js';
import { readInput } from '../io/readInput.js';
import { fitMask } from './fitMask.js';

/** What the config gives for ground-truth masks: a path template with `{name}`, or input → mask pairs. */
export type MasksConfig = string | Record<string, string>;

/**
 * The mask file of an input, or null when the config maps none to it:
 * - a template: `{name}` is the input's file name without extension (`masks/{name}.mask.png`),
 *   relative to the config's folder;
 * - a mapping: input path (as written, relative to the config's folder) → mask path.
 */
export function maskPathFor(input: string, masks: MasksConfig, baseDir: string): string | null {
  if (typeof masks === 'string') {
    if (!masks.includes('{name}')) {
      throw new VisorError(`masks: "${masks}" has no {name} placeholder; e.g. masks: ./masks/{name}.png`, { code: 'config' });
    }
    return resolve(baseDir, masks.replaceAll('{name}', basename(input, extname(input))));
  }
  const key = Object.keys(masks).find((k) => resolve(baseDir, k) === resolve(input));
  return key === undefined ? null : resolve(baseDir, masks[key]!);
}

/**
 * A ground-truth mask brought to the model's input size exactly as its input was (same resize mode),
 * as 0/1 values [H, W]: 1 where the (grey) mask is above half its range (white = the object).
 * A missing or unreadable mask is an input error naming the mask and the input.
 */
export async function loadMask(maskPath: string, input: string, size: { height: number; width: number }, resize: 'stretch' | 'center-crop'): Promise<NdArray> {
  let decoded;
  try {
    decoded = await readInput(maskPath);
  } catch (e) {
    throw new VisorError(`${input}: its mask ${maskPath} cannot be read: ${(e as Error).message}`, {
      code: 'input',
      file: maskPath,
      hint: 'check the masks: entry of the config',
      cause: e,
    });
  }
  return fitMask(decoded, size, resize);
}
