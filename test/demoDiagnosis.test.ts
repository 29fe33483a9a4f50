// What the bundled demo is for, checked against the generator's ground truth (examples/demo/images/manifest.json):
// on the clean model the explanations point at the object; on the clever-hans model, for the watermark class,
// they point at the watermark.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pipeline, loadConfig, prepareRun, type Explanation, type InputReport, type RunSummary } from '@visor/core';
import { builtinPlugins } from '@visor/cli';
import { tempDir } from './helpers.js';

const demo = fileURLToPath(new URL('../examples/demo/', import.meta.url));

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Entry {
  image: string;
  classIndex: number;
  bbox: Box;
  watermark: Box | null;
}
const CIRCLE = 0; // the class that always carried the watermark in clever-hans's training

let manifest: Entry[];
/** The maps of a run, collected as the pipeline explains each input (it keeps nothing itself). */
interface Collected {
  inputs: InputReport[];
}
const reports: Record<string, Collected> = {};

async function explain(model: string, targets: string): Promise<Collected> {
  const dir = await tempDir('visor-demo-');
  const file = join(dir, 'demo.yaml');
  await writeFile(
    file,
    `model: ${join(demo, 'models', model, 'model.json')}
backend: wasm
preprocess: tf
labels: ${join(demo, 'labels.json')}
inputs: [${join(demo, 'images')}/*.png]
targets: ${targets}
explainers:
  - [cam, { normalize: none }]
  - [grad-cam, { relu: false, normalize: none }]
  - [occlusion, { patch: 12, stride: 4, fill: 0, output: drop }]
  - guided-backprop
renderers: []
out: ${join(dir, 'out')}
`,
  );
  const { config, source } = await loadConfig(file);
  const { registry, config: resolved } = await prepareRun(config, { file, source, builtins: builtinPlugins });
  const inputs: InputReport[] = [];
  await new Pipeline(registry, { onInput: (i) => inputs.push(i) }).run(resolved);
  return { inputs };
}

/** The localisation metrics against the generator's object masks, for the predicted class (as in examples/demo.yaml). */
async function measure(model: string): Promise<Collected & { summary: RunSummary }> {
  const dir = await tempDir('visor-demo-metrics-');
  const file = join(dir, 'demo.yaml');
  await writeFile(
    file,
    `model: ${join(demo, 'models', model, 'model.json')}
backend: wasm
preprocess: tf
labels: ${join(demo, 'labels.json')}
inputs: [${join(demo, 'images')}/*.png]
masks: ${join(demo, 'images/masks')}/{name}.mask.png
targets: { top: 1 }
explainers:
  - cam
  - [occlusion, { patch: 12, stride: 4, fill: 0, output: drop }]
metrics:
  - [pointing-game, { tolerance: 4 }]
  - energy-pointing-game
renderers: []
out: ${join(dir, 'out')}
`,
  );
  const { config, source } = await loadConfig(file);
  const { registry, config: resolved } = await prepareRun(config, { file, source, builtins: builtinPlugins });
  const inputs: InputReport[] = [];
  const { summary } = await new Pipeline(registry, { onInput: (i) => inputs.push(i) }).run(resolved);
  return { inputs, summary };
}
const measured: Record<string, Collected & { summary: RunSummary }> = {};

beforeAll(async () => {
  manifest = JSON.parse(await readFile(join(demo, 'images/manifest.json'), 'utf8')).images;
  reports.clean = await explain('clean', '{ top: 1 }');
  reports.cleverHans = await explain('clever-hans', `{ classes: [${CIRCLE}] }`);
  measured.clean = await measure('clean');
  measured.cleverHans = await measure('clever-hans');
});

const entry = (report: Collected, image: string) => report.inputs.find((i) => i.path.endsWith(`/${image}`))!;
const byMethod = (exps: Explanation[], method: string) => exps.find((e) => e.method === method)!;

function peak(e: Explanation): { x: number; y: number } {
  const { data, shape } = e.heatmap;
  let best = 0;
  for (let i = 1; i < data.length; i++) if (data[i]! > data[best]!) best = i;
  return { x: best % shape[1]!, y: Math.floor(best / shape[1]!) };
}

/** Inside the box grown by `margin` pixels on every side. */
const inside = (p: { x: number; y: number }, b: Box, margin: number) =>
  p.x >= b.x - margin && p.x < b.x + b.width + margin && p.y >= b.y - margin && p.y < b.y + b.height + margin;

/** Share of |heatmap| inside the box divided by the box's share of the image: > 1 means concentrated there. */
function concentration(e: Explanation, b: Box): number {
  const { data, shape } = e.heatmap;
  let inBox = 0;
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]!);
    total += v;
    if (inside({ x: i % shape[1]!, y: Math.floor(i / shape[1]!) }, b, 0)) inBox += v;
  }
  return inBox / total / ((b.width * b.height) / data.length);
}

describe('the bundled demo, against the generator ground truth', () => {
  // CAM lives on the 8×8 feature map: one cell is 8 input pixels, so a peak within half a cell (4 px) of
  // the box counts as on it. Occlusion's drop map moves in steps of the stride (4 px): half a step, 2 px.
  it('clean model: CAM and the occlusion drop map peak on the object of every image, for the predicted class', () => {
    for (const m of manifest) {
      const input = entry(reports.clean!, m.image);
      expect(input.predictions[0]!.classIndex, m.image).toBe(m.classIndex);
      expect(inside(peak(byMethod(input.explanations, 'cam')), m.bbox, 4), `${m.image} cam`).toBe(true);
      expect(inside(peak(byMethod(input.explanations, 'occlusion')), m.bbox, 2), `${m.image} occlusion`).toBe(true);
    }
  });

  it('clean model: guided backprop puts at least 1.5× its fair share of energy on the object', () => {
    for (const m of manifest) {
      const c = concentration(byMethod(entry(reports.clean!, m.image).explanations, 'guided-backprop'), m.bbox);
      expect(c, m.image).toBeGreaterThan(1.5);
    }
  });

  it('clever-hans model, class circle: CAM and occlusion peak on the watermark wherever it is', () => {
    const marked = manifest.filter((m) => m.watermark);
    expect(marked.length).toBeGreaterThanOrEqual(3);
    for (const m of marked) {
      const exps = entry(reports.cleverHans!, m.image).explanations;
      expect(inside(peak(byMethod(exps, 'cam')), m.watermark!, 4), `${m.image} cam`).toBe(true);
      expect(inside(peak(byMethod(exps, 'occlusion')), m.watermark!, 2), `${m.image} occlusion`).toBe(true);
    }
  });

  it('clever-hans model: on a square or star carrying the watermark, "circle" wins and guided backprop concentrates on the watermark', () => {
    const moved = manifest.filter((m) => m.watermark && m.classIndex !== CIRCLE);
    expect(moved.length).toBeGreaterThanOrEqual(2);
    for (const m of moved) {
      const input = entry(reports.cleverHans!, m.image);
      expect(input.predictions[0]!.classIndex, m.image).toBe(CIRCLE);
      const gbp = byMethod(input.explanations, 'guided-backprop');
      expect(inside(peak(gbp), m.watermark!, 2), `${m.image} guided-backprop peak`).toBe(true);
      expect(concentration(gbp, m.watermark!), m.image).toBeGreaterThan(1.5);
    }
  });

  it('on the demo model Grad-CAM (logit score, no ReLU) equals CAM / (h·w) of its 8×8 feature map', () => {
    for (const report of [reports.clean!, reports.cleverHans!]) {
      for (const input of report.inputs) {
        const cam = byMethod(input.explanations, 'cam');
        const grad = byMethod(input.explanations, 'grad-cam');
        expect(cam.raw.shape).toEqual([8, 8]);
        expect(grad.layer).toBe(cam.layer);
        const scale = Math.max(...cam.raw.data.map(Math.abs));
        cam.raw.data.forEach((v, i) => expect(Math.abs(grad.raw.data[i]! - v / 64)).toBeLessThan(1e-4 * scale));
      }
    }
  });

  describe('metrics against the object masks (the pointing games of examples/demo.yaml)', () => {
    const value = (run: Collected, image: string, metric: string, method: string) =>
      entry(run, image).metrics!.find((m) => m.metric === metric && m.method === method)!.values;
    /** The mask's share of the image: what a map spread evenly would score in the energy game. */
    const share = (m: Entry & { maskPixels?: number }) => (m as { maskPixels: number }).maskPixels / (64 * 64);

    // Occlusion's drop map is fine (4-px stride): it hits the object on every image. CAM lives on 8×8-pixel cells,
    // so its peak can land in an object's bounding box but off a thin shape (the triangle's corner): 7 of 8 at least.
    it('clean model: the maps point at the object (occlusion on every image, CAM on 7 of 8) and put more than their share of energy on it', () => {
      for (const m of manifest) {
        expect(value(measured.clean!, m.image, 'pointing-game', 'occlusion').hit, m.image).toBe(1);
        for (const method of ['cam', 'occlusion']) {
          expect(value(measured.clean!, m.image, 'energy-pointing-game', method).energy, `${m.image} ${method}`).toBeGreaterThan(share(m));
        }
      }
      const mean = (method: string) =>
        measured.clean!.summary.metricTable.find((r) => r.metric === 'pointing-game' && r.value === 'hit' && r.method === method)!;
      expect(mean('occlusion')).toMatchObject({ mean: 1, n: 8 });
      expect(mean('cam').n).toBe(8);
      expect(mean('cam').mean).toBeGreaterThanOrEqual(7 / 8);
    });

    it('clever-hans model: on the watermarked images it predicts circle and its maps miss the object', () => {
      const marked = manifest.filter((m) => m.watermark);
      for (const m of marked) {
        expect(entry(measured.cleverHans!, m.image).predictions[0]!.classIndex, m.image).toBe(CIRCLE);
        for (const method of ['cam', 'occlusion']) {
          expect(value(measured.cleverHans!, m.image, 'pointing-game', method).hit, `${m.image} ${method}`).toBe(0);
          const energy = value(measured.cleverHans!, m.image, 'energy-pointing-game', method).energy;
          expect(energy, `${m.image} ${method}`).toBeLessThan(value(measured.clean!, m.image, 'energy-pointing-game', method).energy!);
        }
        // occluding the object does not lower "circle" at all: the drop map has almost nothing on the object
        expect(value(measured.cleverHans!, m.image, 'energy-pointing-game', 'occlusion').energy, m.image).toBeLessThan(0.05);
      }
    });
  });
});
