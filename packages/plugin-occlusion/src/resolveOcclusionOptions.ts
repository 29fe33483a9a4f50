import { VisorError, validateOptions } from '@visor/core';
import type { OcclusionOptions } from './OcclusionOptions.js';
import type { ResolvedFill } from './fillImage.js';
import { occlusionDefaults } from './occlusionDefaults.js';
import { occlusionOptionsSchema } from './occlusionOptionsSchema.js';

/**
 * Occlusion options checked against one input shape, with every size made explicit: patch and stride
 * as [height, width], the fill resolved (blurRadius folded into it); the other options as given.
 */
export interface ResolvedOcclusionOptions extends Omit<OcclusionOptions, 'patch' | 'stride' | 'fill' | 'blurRadius'> {
  patch: [number, number];
  stride: [number, number];
  fill: ResolvedFill;
}

const show = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));
const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);
const refuse = (option: string, message: string, hint: string): never => {
  throw new VisorError(`occlusion: option "${option}" ${message}`, { code: 'config', hint });
};

/**
 * Checks `options` against the occlusion schema (the one the config uses: types, ranges, unknown keys;
 * defaults filled in), then against the input [H, W, C], which the schema cannot know: the patch within
 * the input, 1 ≤ stride ≤ patch (so no pixel is skipped), a fill array of length C. Throws a VisorError
 * (code `config`) naming the option, the bad value and what is accepted.
 */
export function resolveOcclusionOptions(
  options: Partial<OcclusionOptions> | Record<string, unknown> | undefined,
  inputShape: [number, number, number],
): ResolvedOcclusionOptions {
  const [H, W, C] = inputShape;
  const o = validateOptions({ id: 'occlusion', optionsSchema: occlusionOptionsSchema, defaults: occlusionDefaults }, options);

  const autoPatch = Math.max(1, Math.ceil(Math.min(H, W) / 14));
  const patch: [number, number] = o.patch === 'auto' ? [autoPatch, autoPatch] : pair(o.patch);
  if (patch[0] > H || patch[1] > W) {
    refuse('patch', `= ${show(o.patch)} is larger than the model input (${H}×${W})`, `Use a patch of at most ${H}×${W} pixels.`);
  }
  const stride: [number, number] = o.stride === 'patch' ? [patch[0], patch[1]] : pair(o.stride);
  if (stride[0] > patch[0] || stride[1] > patch[1]) {
    refuse(
      'stride',
      `= ${show(o.stride)} is larger than the patch (${patch[0]}×${patch[1]}): pixels between windows would never be occluded`,
      'Use 1 ≤ stride ≤ patch.',
    );
  }

  let fill: ResolvedFill;
  if (o.fill === 'mean') fill = { kind: 'mean' };
  else if (o.fill === 'blur') fill = { kind: 'blur', radius: o.blurRadius };
  else if (typeof o.fill === 'number') fill = { kind: 'constant', values: new Float32Array(C).fill(o.fill) };
  else {
    if (o.fill.length !== C) {
      refuse(
        'fill',
        `= ${show(o.fill)} has ${o.fill.length} value(s) but the model input has ${C} channel(s)`,
        `Give one fill value per channel (${C}), or a single number.`,
      );
    }
    fill = { kind: 'constant', values: Float32Array.from(o.fill) };
  }
  const { blurRadius: _folded, ...rest } = o;
  return { ...rest, patch, stride, fill };
}
