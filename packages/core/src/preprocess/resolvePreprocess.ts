import { VisorError } from '../errors/VisorError.js';
import type { PreprocessSpec, ResolvedPreprocess } from './PreprocessSpec.js';

const PRESETS: Record<'caffe' | 'tf' | 'torch' | 'none', Omit<ResolvedPreprocess, 'preset'>> = {
  caffe: { scale: 1, mean: [103.939, 116.779, 123.68], std: [1, 1, 1], channelOrder: 'bgr' },
  tf: { scale: 1 / 127.5, mean: [1], std: [1], channelOrder: 'rgb' },
  torch: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], channelOrder: 'rgb' },
  none: { scale: 1, mean: [0], std: [1], channelOrder: 'rgb' },
};
const ACCEPTED = "'caffe', 'tf', 'torch', 'none' or { scale?, mean?, std?, channelOrder?: 'rgb' | 'bgr' }";

const fail = (message: string) => new VisorError(`preprocess: ${message}`, { code: 'config', hint: `Accepted: ${ACCEPTED}.` });

/** Turns a preset name or a custom object into explicit numbers, validating the custom values. */
export function resolvePreprocess(spec: PreprocessSpec): ResolvedPreprocess {
  if (typeof spec === 'string') {
    if (!Object.hasOwn(PRESETS, spec)) throw fail(`unknown preset '${spec}'; accepted: ${ACCEPTED}.`);
    const p = PRESETS[spec];
    return { preset: spec, scale: p.scale, mean: [...p.mean], std: [...p.std], channelOrder: p.channelOrder };
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw fail(`expected a preset name or an object, got ${JSON.stringify(spec)}; accepted: ${ACCEPTED}.`);
  }
  for (const key of Object.keys(spec)) {
    if (!['scale', 'mean', 'std', 'channelOrder'].includes(key)) {
      throw fail(`unknown key '${key}'; accepted keys: scale, mean, std, channelOrder.`);
    }
  }
  const scale = spec.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale === 0) {
    throw fail(`scale must be a finite non-zero number, got ${JSON.stringify(spec.scale)}.`);
  }
  const list = (name: 'mean' | 'std', value: unknown, fallback: number[]): number[] => {
    if (value === undefined) return fallback;
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw fail(`${name} must be a non-empty list of finite numbers (one, or one per channel), got ${JSON.stringify(value)}.`);
    }
    if (name === 'std' && value.some((v) => v === 0)) throw fail(`std must not contain 0, got ${JSON.stringify(value)}.`);
    return [...value];
  };
  const mean = list('mean', spec.mean, [0]);
  const std = list('std', spec.std, [1]);
  const channelOrder = spec.channelOrder ?? 'rgb';
  if (channelOrder !== 'rgb' && channelOrder !== 'bgr') {
    throw fail(`channelOrder must be 'rgb' or 'bgr', got ${JSON.stringify(channelOrder)}.`);
  }
  return { preset: 'custom', scale, mean, std, channelOrder };
}
