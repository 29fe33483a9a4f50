#!/usr/bin/env node
// Prints the README's "What the demo shows" tables (Markdown) from a finished demo run (`npm run demo`):
// the per-input JSON files in examples/out/<model>/, top-1 class of each image only.
//   node scripts/demoTable.mjs [examples/out]
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const out = process.argv[2] ?? 'examples/out';
const models = ['clean', 'clever-hans'];
const methods = ['cam', 'grad-cam', 'grad-cam++', 'occlusion', 'guided-backprop', 'guided-grad-cam'];

/** Per model and input: stem, top-1 label, watermarked, metric values ("metric.value.method") and sanity-model curves per method. */
async function readRun(model) {
  const dir = join(out, model);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`${dir} has no per-input JSON: run \`npm run demo\` first`);
  return Promise.all(
    files.map(async (f) => {
      const doc = JSON.parse(await readFile(join(dir, f), 'utf8'));
      const top1 = doc.predictions[0];
      const values = new Map();
      const curves = new Map();
      let layerNames = [];
      for (const r of doc.metricResults ?? []) {
        if (r.classIndex !== top1.classIndex) continue;
        for (const [k, v] of Object.entries(r.values)) values.set(`${r.metric}.${k}.${r.method}`, v);
        if (r.metric === 'sanity-model') {
          curves.set(r.method, r.curves.spearmanAbs.y);
          layerNames = r.curves.spearmanAbs.xNames;
        }
      }
      return { stem: doc.input.stem, label: top1.label, watermarked: doc.input.stem.includes('watermark'), values, curves, layerNames };
    }),
  );
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (x, pct) => (Number.isNaN(x) ? '–' : pct ? `${Math.round(100 * x)} %` : x.toFixed(2));
const cell = (rows, key, pct) => fmt(mean(rows.map((r) => r.values.get(key)).filter((v) => typeof v === 'number')), pct);

const runs = Object.fromEntries(await Promise.all(models.map(async (m) => [m, await readRun(m)])));
const marked = (m) => runs[m].filter((r) => r.watermarked);

console.log(
  `Top-1 class on the ${marked('clean').length} watermarked images (${marked('clean')
    .map((r) => r.stem)
    .join(', ')}); ` +
    `predicted: clean ${marked('clean')
      .map((r) => r.label)
      .join(', ')}; clever-hans ${marked('clever-hans')
      .map((r) => r.label)
      .join(', ')}.\n`,
);
console.log(
  '| method | pointing game, clean | pointing game, clever-hans | energy on the object, clean | energy, clever-hans | deletion AUC, clean | deletion AUC, clever-hans |',
);
console.log('|---|---|---|---|---|---|---|');
for (const m of methods) {
  const c = marked('clean');
  const h = marked('clever-hans');
  console.log(
    `| ${m} | ${cell(c, `pointing-game.hit.${m}`, true)} | ${cell(h, `pointing-game.hit.${m}`, true)} | ${cell(c, `energy-pointing-game.energy.${m}`)} | ` +
      `${cell(h, `energy-pointing-game.energy.${m}`)} | ${cell(c, `deletion.auc.${m}`)} | ${cell(h, `deletion.auc.${m}`)} |`,
  );
}
/** Per method, the mean over inputs of the sanity-model curve (Spearman |rank correlation| after each layer). */
function sanityCurves(rows) {
  const byMethod = new Map();
  let names = [];
  for (const r of rows) {
    if (r.layerNames.length > names.length) names = r.layerNames;
    for (const [m, ys] of r.curves) {
      const acc = byMethod.get(m) ?? [];
      ys.forEach((y, i) => (acc[i] ??= []).push(y));
      byMethod.set(m, acc);
    }
  }
  return { names, means: new Map([...byMethod].map(([m, acc]) => [m, acc.map(mean)])) };
}
for (const model of models) {
  const { names, means } = sanityCurves(runs[model]);
  console.log(`\nSanity check on the ${model} model (cascading randomisation, top-1 class of all ${runs[model].length} images): Spearman`);
  console.log('|rank correlation| of each map with the original after re-drawing the layers from the output down to the one named');
  console.log('(near 1: the map ignores what those layers learned).\n');
  console.log(`| method | ${names.map((n, i) => (i === 0 ? n : `… ${n}`)).join(' | ')} |`);
  console.log(`|---|${names.map(() => '---').join('|')}|`);
  for (const m of methods) console.log(`| ${m} | ${(means.get(m) ?? []).map((v) => fmt(v)).join(' | ')} |`);
}
