import { rankByDistance } from '../text/rankByDistance.js';
import { VisorError } from '../errors/VisorError.js';

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

/**
 * Resolves a target class given by index or by name to an index in [0, numClasses).
 * Names match case-insensitively, with spaces and underscores equivalent ('golden retriever' finds
 * 'golden_retriever'); a string of digits is an index unless some label is literally that string.
 * Unknown names get "did you mean" suggestions; a name shared by several classes (ImageNet has two
 * 'crane's) is refused listing their indices.
 */
export function resolveClass(target: number | string, labels: readonly string[], numClasses: number): number {
  const err = (message: string, hint?: string) => new VisorError(message, { code: 'config', hint });
  const inRange = (i: number, shown: string) => {
    if (!Number.isInteger(i) || i < 0 || i >= numClasses) {
      throw err(`Class ${shown} is out of range: the model has ${numClasses} classes (0..${numClasses - 1}).`);
    }
    return i;
  };
  if (typeof target === 'number') return inRange(target, String(target));
  if (typeof target !== 'string' || target.trim() === '') {
    throw err(`Class ${JSON.stringify(target)} is neither a class index nor a label name.`);
  }
  const wanted = norm(target);
  const matches: number[] = [];
  labels.forEach((l, i) => {
    if (norm(l) === wanted) matches.push(i);
  });
  if (matches.length === 0 && /^\d+$/.test(target.trim())) return inRange(Number(target.trim()), `'${target}'`);
  if (matches.length > 1) {
    throw err(`Class name '${target}' is ambiguous: it names classes ${matches.join(', ')}.`, `Give the index instead, e.g. ${matches[0]}.`);
  }
  if (matches.length === 1) return inRange(matches[0]!, `'${target}' (index ${matches[0]})`);
  if (labels.length === 0) {
    throw err(`Class name '${target}' cannot be resolved: no labels are loaded for this model.`, 'Give a class index, or a labels file.');
  }
  const suggestions = rankByDistance(target, labels, norm)
    .slice(0, 3)
    .filter((s) => s.distance <= Math.max(3, Math.ceil(wanted.length / 2)));
  const didYouMean = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s.candidate}' (${s.index})`).join(', ')}?` : '';
  throw err(`Unknown class name '${target}'.${didYouMean}`, 'Names are matched case-insensitively; a class index also works.');
}
