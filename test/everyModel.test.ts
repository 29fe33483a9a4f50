/**
 * Every kind of model users have, explained by every method from the CLI (the built `visor` command):
 * Keras 2 .h5, Keras 3 .keras, a nested backbone, a binary sigmoid head, a multi-label sigmoid head and a
 * regression head. The models are the committed fixtures of test/fixtures/keras (made by
 * make_keras_fixtures.py, whose expected outputs are computed in numpy from the layer definitions).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeNpy } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/keras');
const bin = join(root, 'packages/cli/bin/visor.js');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as Record<
  string,
  { inputShape: number[]; input: number[]; outputShape: number[]; output: number[] }
>;
const METHODS = ['cam', 'grad-cam', 'grad-cam++', 'occlusion', 'guided-backprop', 'guided-grad-cam'];

interface Doc {
  model: { format: string; finalActivation: string; numClasses: number };
  predictions: { classIndex: number; logit: number; probability: number }[];
  explanations: {
    method: string;
    layer?: string;
    target: { classIndex: number; score: number; scoreKind: string };
    raw: { data: number[]; shape: number[] };
    heatmap: { data: number[]; shape: number[] };
    stats?: Record<string, number>;
  }[];
}

let dir: string;
beforeAll(async () => {
  dir = await tempDir('visor-every-model-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the fixture's first input as .npy and runs `visor explain` with every method; returns the JSON of that input. */
async function explain(name: string, file: string, extra: string[] = []): Promise<Doc> {
  const { inputShape, input } = expected[name]!;
  const [, h, w, c] = inputShape as [number, number, number, number];
  const npy = join(dir, `${name}.npy`);
  await writeNpy(npy, [h, w, c], input.slice(0, h * w * c));
  const out = join(dir, `out-${file}`);
  const args = [
    bin,
    'explain',
    npy,
    '--model',
    join(fixtures, file),
    '--method',
    METHODS.join(','),
    '--top',
    '2',
    '--set',
    'occlusion.patch=2',
    '--renderer',
    'json',
    '-o',
    out,
    '-q',
    ...extra,
  ];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as Doc;
}

/** The model's output for the first input, from expected.json (numpy, float64). */
const outputOf = (name: string) => expected[name]!.output.slice(0, expected[name]!.outputShape[1]);

/** The indices of the k largest values, largest first (the expected top-k classes). */
const topIndices = (values: number[], k: number): number[] =>
  values
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, k)
    .map(([, i]) => i);

function everyMethodRan(doc: Doc, classes: number[]): void {
  expect(doc.explanations.map((e) => [e.method, e.target.classIndex])).toEqual(METHODS.flatMap((m) => classes.map((c) => [m, c])));
  for (const e of doc.explanations) {
    expect(e.heatmap.data.every(Number.isFinite)).toBe(true);
    expect(e.heatmap.data.some((v) => v !== 0) || e.method === 'guided-grad-cam').toBe(true);
  }
}

/** CAM's identity on a GAP → Dense head: the map's mean plus the class bias is the logit (reported in stats). */
function camMatchesLogits(doc: Doc): void {
  for (const e of doc.explanations.filter((x) => x.method === 'cam')) {
    const logit = doc.predictions.find((p) => p.classIndex === e.target.classIndex)!.logit;
    expect(e.stats!.mapMean! + e.stats!.bias!).toBeCloseTo(logit, 4);
  }
}

describe('every model users have, explained by every method from the CLI', () => {
  for (const [file, name] of [
    ['tiny_cnn.h5', 'tiny_cnn'],
    ['tiny_cnn.keras', 'tiny_cnn'],
  ] as const) {
    it(`${file}: a softmax classifier (Keras ${file.endsWith('.h5') ? '2 HDF5' : '3 archive'}); probabilities equal numpy's`, async () => {
      const doc = await explain(name, file);
      expect(doc.model.format).toBe(file.endsWith('.h5') ? 'keras-h5' : 'keras');
      const want = outputOf(name);
      for (const p of doc.predictions) expect(p.probability).toBeCloseTo(want[p.classIndex]!, 5);
      const top2 = topIndices(want, 2);
      everyMethodRan(doc, top2);
      camMatchesLogits(doc);
    });
  }

  for (const file of ['nested_backbone.h5', 'nested_backbone.keras']) {
    it(`${file}: a nested backbone: its layers are reached (Grad-CAM picks one inside it) and every method differentiates through it`, async () => {
      const doc = await explain('nested', file);
      const want = outputOf('nested');
      for (const p of doc.predictions) expect(p.probability).toBeCloseTo(want[p.classIndex]!, 5);
      const top2 = topIndices(want, 2);
      everyMethodRan(doc, top2);
      expect(doc.explanations.find((e) => e.method === 'grad-cam')!.layer).toMatch(/^backbone\//);
      camMatchesLogits(doc);
    });
  }

  it('binary_sigmoid.h5: one sigmoid output is two classes, the complement (0) and the positive class (1)', async () => {
    const doc = await explain('binary_sigmoid', 'binary_sigmoid.h5', ['--set', 'grad-cam.relu=false']);
    const p = outputOf('binary_sigmoid')[0]!; // σ(z)
    expect(doc.model.numClasses).toBe(2);
    const byClass = new Map(doc.predictions.map((q) => [q.classIndex, q]));
    expect(byClass.get(1)!.probability).toBeCloseTo(p, 5);
    expect(byClass.get(0)!.probability).toBeCloseTo(1 - p, 5);
    expect(byClass.get(0)!.logit).toBeCloseTo(-byClass.get(1)!.logit, 5);
    const classes = p >= 0.5 ? [1, 0] : [0, 1];
    everyMethodRan(doc, classes);
    camMatchesLogits(doc);
    // d(−z)/dA = −dz/dA: the complement's (unrectified) Grad-CAM map is the positive class's, negated.
    const [a, b] = doc.explanations.filter((e) => e.method === 'grad-cam');
    a!.raw.data.forEach((v, i) => expect(v).toBeCloseTo(-b!.raw.data[i]!, 5));
  });

  it('multilabel_sigmoid.h5: five independent sigmoid labels, top-2 by each label’s probability', async () => {
    const doc = await explain('multilabel_sigmoid', 'multilabel_sigmoid.h5');
    const want = outputOf('multilabel_sigmoid');
    expect(doc.model.finalActivation).toBe('sigmoid');
    for (const q of doc.predictions) {
      expect(q.probability).toBeCloseTo(want[q.classIndex]!, 5);
      expect(q.probability).toBeCloseTo(1 / (1 + Math.exp(-q.logit)), 5);
    }
    const top2 = topIndices(want, 2);
    everyMethodRan(doc, top2);
    camMatchesLogits(doc);
  });

  it('regression.h5: a linear head: target = output index, score = the raw value; occlusion maps the raw value', async () => {
    const doc = await explain('regression', 'regression.h5');
    const want = outputOf('regression');
    expect(doc.model.finalActivation).toBe('linear');
    for (const q of doc.predictions) expect(q.logit).toBeCloseTo(want[q.classIndex]!, 5);
    const top2 = topIndices(want, 2);
    everyMethodRan(doc, top2);
    camMatchesLogits(doc);
    for (const e of doc.explanations) {
      expect(e.target.scoreKind).toBe('logit');
      expect(e.target.score).toBeCloseTo(want[e.target.classIndex]!, 5);
    }
  });

  it('regression.h5 with a probability score asked for: refused, naming the fix, nothing written', async () => {
    const npy = join(dir, 'regression.npy');
    const out = join(dir, 'out-refused');
    const r = spawnSync(
      process.execPath,
      [bin, 'explain', npy, '--model', join(fixtures, 'regression.h5'), '--method', 'grad-cam', '--set', 'grad-cam.score=probability', '-o', out],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/score "probability" is not defined for a model with a linear output.*outputActivation/);
    expect(spawnSync('ls', [out]).status).not.toBe(0);
  });
});
