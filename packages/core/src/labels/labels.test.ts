import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGENET_LABELS, IMAGENET_WNIDS } from './imagenetLabels.js';
import { loadLabels } from './loadLabels.js';
import { resolveClass } from './resolveClass.js';

describe('IMAGENET_LABELS', () => {
  it('has the 1000 Keras classes in order', () => {
    expect(IMAGENET_LABELS.length).toBe(1000);
    expect(IMAGENET_LABELS[0]).toBe('tench');
    expect(IMAGENET_LABELS[281]).toBe('tabby');
    expect(IMAGENET_LABELS[999]).toBe('toilet_tissue');
    expect(IMAGENET_WNIDS[281]).toBe('n02123045');
  });
  it('wnids are unique and sorted (the ILSVRC index order), so no row is missing or swapped', () => {
    expect(new Set(IMAGENET_WNIDS).size).toBe(1000);
    for (let i = 1; i < 1000; i++) expect(IMAGENET_WNIDS[i]! > IMAGENET_WNIDS[i - 1]!, `row ${i}`).toBe(true);
    expect(IMAGENET_WNIDS.every((w) => /^n\d{8}$/.test(w))).toBe(true);
  });
});

describe('loadLabels', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'visor-labels-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, text: string) => {
    const p = join(dir, name);
    await writeFile(p, text);
    return p;
  };

  it('reads a JSON array, an index object, the Keras index format and plain text', async () => {
    expect(await loadLabels(await file('a.json', '["cat", "dog"]'))).toEqual(['cat', 'dog']);
    expect(await loadLabels(await file('o.json', '{"1": "dog", "0": "cat"}'))).toEqual(['cat', 'dog']);
    expect(await loadLabels(await file('k.json', '{"0": ["n01440764", "tench"], "1": ["n01443537", "goldfish"]}'))).toEqual(['tench', 'goldfish']);
    expect(await loadLabels(await file('l.txt', '\uFEFFcat\r\ndog\r\n\r\n'))).toEqual(['cat', 'dog']);
  });

  it('gives clear errors naming the file', async () => {
    const cases: Array<[string, RegExp]> = [
      [await file('bad.json', '["cat", '), /not valid JSON/],
      [await file('gap.json', '{"0": "cat", "2": "dog"}'), /0 to 1 without gaps; index 1 is missing/],
      [await file('key.json', '{"zero": "cat"}'), /key "zero" is not a class index/],
      [await file('num.json', '["cat", 3]'), /label \[1\] is 3; each label must be a non-empty string/],
      [await file('blank.txt', 'cat\n\ndog\n'), /line 2 is blank/],
      [await file('empty.txt', '  \n'), /labels file is empty/],
      [join(dir, 'missing.txt'), /labels file not found/],
    ];
    for (const [p, re] of cases) {
      await expect(loadLabels(p)).rejects.toMatchObject({ name: 'VisorError', code: 'config', file: p, message: expect.stringMatching(re) });
      await expect(loadLabels(p)).rejects.toThrow(p);
    }
    const sub = join(dir, 'sub');
    await mkdir(sub);
    await expect(loadLabels(sub)).rejects.toThrow(/is a directory/);
  });
});

describe('resolveClass', () => {
  it('takes an index, range-checked', () => {
    expect(resolveClass(281, IMAGENET_LABELS, 1000)).toBe(281);
    expect(resolveClass(0, [], 10)).toBe(0);
    expect(() => resolveClass(1000, IMAGENET_LABELS, 1000)).toThrow(/Class 1000 is out of range: the model has 1000 classes \(0\.\.999\)/);
    expect(() => resolveClass(-1, IMAGENET_LABELS, 1000)).toThrow(/out of range/);
    expect(() => resolveClass(2.5, IMAGENET_LABELS, 1000)).toThrow(/out of range/);
  });

  it('takes a name, case-insensitively, spaces and underscores alike; digits as an index', () => {
    expect(resolveClass('tabby', IMAGENET_LABELS, 1000)).toBe(281);
    expect(resolveClass('TABBY', IMAGENET_LABELS, 1000)).toBe(281);
    expect(resolveClass('golden retriever', IMAGENET_LABELS, 1000)).toBe(207);
    expect(resolveClass('281', IMAGENET_LABELS, 1000)).toBe(281);
  });

  it('unknown names suggest the closest labels', () => {
    expect(() => resolveClass('taby', IMAGENET_LABELS, 1000)).toThrow(/Unknown class name 'taby'\. Did you mean 'tabby' \(281\)/);
    expect(() => resolveClass('golden retreiver', IMAGENET_LABELS, 1000)).toThrow(/Did you mean 'golden_retriever' \(207\)/);
    expect(() => resolveClass('zzzzzzzzzzzzzzzzzzzzzzz', IMAGENET_LABELS, 1000)).toThrow(/^Unknown class name '[z]+'\.$/);
    expect(() => resolveClass('cat', [], 10)).toThrow(/no labels are loaded/);
  });

  it('ambiguous names and names beyond the model’s classes are refused', () => {
    expect(() => resolveClass('crane', IMAGENET_LABELS, 1000)).toThrow(/'crane' is ambiguous: it names classes 134, 517/);
    expect(() => resolveClass('tabby', IMAGENET_LABELS, 100)).toThrow(/'tabby' \(index 281\) is out of range: the model has 100 classes/);
  });
});
