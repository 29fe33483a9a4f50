import { VisorError } from '../errors/VisorError.js';

export const LABEL_FILES_ACCEPTED =
  'a JSON array of names, a JSON object {"0": "name", …}, the Keras index format {"0": ["n01440764", "tench"], …}, ' + 'or plain text with one name per line';

const fail = (file: string, problem: string, cause?: unknown) =>
  new VisorError(`${file}: ${problem}`, { code: 'config', file, hint: `Accepted label files: ${LABEL_FILES_ACCEPTED}.`, cause });

/**
 * Class names from the text of a labels file (`path` names it in messages): a JSON array, a JSON object keyed
 * by index (a name or a Keras [wnid, name] pair per index), or one name per line. What `loadLabels` reads.
 */
export function parseLabels(text: string, path: string): string[] {
  text = text.replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  if (trimmed.length === 0) throw fail(path, 'labels file is empty.');
  const labels = trimmed.startsWith('[') || trimmed.startsWith('{') ? fromJson(path, trimmed) : fromLines(path, text);
  if (labels.length === 0) throw fail(path, 'labels file lists no labels.');
  return labels;
}

function fromJson(path: string, text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw fail(path, `labels file is not valid JSON: ${(e as Error).message}.`, e);
  }
  const nameOf = (v: unknown, where: string): string => {
    // Keras imagenet_class_index.json: [wnid, name]
    if (Array.isArray(v) && v.length === 2 && v.every((s) => typeof s === 'string')) v = v[1];
    if (typeof v !== 'string' || v.trim() === '') {
      throw fail(path, `label ${where} is ${JSON.stringify(v)}; each label must be a non-empty string (or a Keras [wnid, name] pair).`);
    }
    return v;
  };
  if (Array.isArray(value)) return value.map((v, i) => nameOf(v, `[${i}]`));
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const bad = keys.find((k) => !/^(0|[1-9]\d*)$/.test(k));
  if (bad !== undefined) throw fail(path, `key ${JSON.stringify(bad)} is not a class index; keys must be 0, 1, 2, ….`);
  const out = new Array<string>(keys.length);
  for (const k of keys) {
    const i = Number(k);
    if (i >= keys.length) {
      const missing = [...Array(keys.length).keys()].find((j) => !Object.hasOwn(obj, String(j)));
      throw fail(path, `class indices must run from 0 to ${keys.length - 1} without gaps; index ${missing} is missing.`);
    }
    out[i] = nameOf(obj[k], `"${k}"`);
  }
  return out;
}

function fromLines(path: string, text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const blank = lines.indexOf('');
  if (blank !== -1) {
    throw fail(path, `line ${blank + 1} is blank; a text labels file has one label per line, line n naming class n−1.`);
  }
  return lines;
}
