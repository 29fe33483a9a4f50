import { VisorError, type ScoreKind } from '@visor/core';
import type { OcclusionOptions } from './OcclusionOptions.js';
import type { ResolvedFill } from './fillImage.js';
import { occlusionDefaults } from './occlusionDefaults.js';

/**
 * Occlusion options checked against one input shape, with every size made explicit: patch and stride
 * as [height, width], the fill resolved (blurRadius folded into it); the other options as given.
 */
export interface ResolvedOcclusionOptions extends Omit<OcclusionOptions, 'patch' | 'stride' | 'fill' | 'blurRadius'> {
  patch: [number, number];
  stride: [number, number];
  fill: ResolvedFill;
}

const fail = (option: string, value: unknown, accepted: string): never => {
  throw new VisorError(`occlusion: option "${option}" = ${show(value)} is not accepted; expected ${accepted}`, {
    code: 'config',
    hint: `Fix "${option}" in the occlusion options: ${accepted}.`,
  });
};

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

function pair(option: string, value: unknown, accepted: string): [number, number] {
  if (isPositiveInt(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every(isPositiveInt)) return [value[0], value[1]];
  return fail(option, value, accepted);
}

/**
 * Applies the defaults to `options` and checks them against the input [H, W, C]:
 * patch within the input, 1 ≤ stride ≤ patch (so no pixel is skipped), a fill array of length C, …
 * Throws a VisorError (code `config`) naming the option, the bad value and what is accepted.
 */
export function resolveOcclusionOptions(
  options: Partial<OcclusionOptions> | Record<string, unknown> | undefined,
  inputShape: [number, number, number],
): ResolvedOcclusionOptions {
  const [H, W, C] = inputShape;
  const given = (options ?? {}) as Record<string, unknown>;
  const known = Object.keys(occlusionDefaults);
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) fail(key, given[key], `one of the occlusion options ${known.join(', ')} (no other key)`);
  }
  const o = { ...occlusionDefaults, ...given } as Record<string, unknown>;

  const patchAccepted = `'auto', an integer ≥ 1 or [height, width] of integers, no larger than the ${H}×${W} input`;
  const patch: [number, number] =
    o.patch === 'auto'
      ? [Math.max(1, Math.ceil(Math.min(H, W) / 14)), Math.max(1, Math.ceil(Math.min(H, W) / 14))]
      : pair('patch', o.patch, patchAccepted);
  if (patch[0] > H || patch[1] > W) {
    throw new VisorError(
      `occlusion: option "patch" = ${show(o.patch)} is larger than the model input (${H}×${W}); expected ${patchAccepted}`,
      { code: 'config', hint: `Use a patch of at most ${H}×${W} pixels.` },
    );
  }

  const strideAccepted = `'patch', an integer or [height, width] with 1 ≤ stride ≤ patch (${patch[0]}×${patch[1]}); a larger stride would leave pixels uncovered`;
  const stride: [number, number] = o.stride === 'patch' ? [patch[0], patch[1]] : pair('stride', o.stride, strideAccepted);
  if (stride[0] > patch[0] || stride[1] > patch[1]) fail('stride', o.stride, strideAccepted);

  let fill: ResolvedFill;
  const fillAccepted = `a finite number, an array of ${C} finite numbers (one per input channel), 'mean' or 'blur' — in the model's input space`;
  if (o.fill === 'mean') fill = { kind: 'mean' };
  else if (o.fill === 'blur') {
    const r = o.blurRadius;
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0) fail('blurRadius', r, 'an integer ≥ 0');
    fill = { kind: 'blur', radius: r as number };
  } else if (typeof o.fill === 'number' && Number.isFinite(o.fill)) {
    fill = { kind: 'constant', values: new Float32Array(C).fill(o.fill) };
  } else if (Array.isArray(o.fill)) {
    if (o.fill.length !== C || !o.fill.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new VisorError(
        `occlusion: option "fill" = ${show(o.fill)} has ${o.fill.length} value(s) but the model input has ${C} channel(s); expected ${fillAccepted}`,
        { code: 'config', hint: `Give one fill value per channel (${C}), or a single number.` },
      );
    }
    fill = { kind: 'constant', values: Float32Array.from(o.fill as number[]) };
  } else fill = fail('fill', o.fill, fillAccepted);

  if (o.output !== 'probability' && o.output !== 'drop') fail('output', o.output, "'probability' or 'drop'");
  if (o.score !== 'logit' && o.score !== 'probability' && o.score !== 'auto') fail('score', o.score, "'auto', 'logit' or 'probability'");
  if (!isPositiveInt(o.batchSize)) fail('batchSize', o.batchSize, 'an integer ≥ 1');
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (!positive(o.memoryBudgetMB)) fail('memoryBudgetMB', o.memoryBudgetMB, 'a number > 0');
  if (o.activationFactor !== 'auto' && !positive(o.activationFactor)) fail('activationFactor', o.activationFactor, "a number > 0 or 'auto'");
  if (typeof o.preview !== 'boolean') fail('preview', o.preview, 'true or false');

  return {
    patch,
    stride,
    fill,
    output: o.output as 'probability' | 'drop',
    score: o.score as ScoreKind | 'auto',
    batchSize: o.batchSize as number,
    memoryBudgetMB: o.memoryBudgetMB as number,
    activationFactor: o.activationFactor as number | 'auto',
    preview: o.preview as boolean,
  };
}
