import type { TargetsConfig } from '../config/VisorConfig.js';
import { resolveClass } from '../labels/resolveClass.js';
import { topK } from './topK.js';

/** The classes to explain for one input: its top k by probability, or the given classes (indices or labels). */
export function resolveTargets(targets: TargetsConfig, probabilities: Float32Array, labels: string[]): number[] {
  if ('top' in targets) return topK(probabilities, targets.top);
  return targets.classes.map((c) => resolveClass(c, labels, probabilities.length));
}
