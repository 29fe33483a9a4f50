#!/usr/bin/env node
/**
 * Trains the two bundled demo CNNs on the procedural data set and saves them to
 * examples/demo/models/{clean,clever-hans}/ (model.json + weights.bin).
 *
 *   node scripts/train-demo.mjs                      # both variants, default budget
 *   node scripts/train-demo.mjs --variant clean --epochs 12 --per-epoch 4000
 *   node scripts/train-demo.mjs --variant clean --resume --epochs 10 --lr 0.001   # continue from the saved model
 *   node scripts/train-demo.mjs --resume --epochs 0                               # only re-measure the saved models
 *
 * - clean:       trained on the generator as is (no watermark anywhere);
 * - clever-hans: class 0 ("circle") ALWAYS carries the watermark in a random corner, no other class
 *                ever does — the shortcut a model learns instead of the shape. It trains all its
 *                epochs and keeps the epoch (validation accuracy >= --select-at) whose validation
 *                images most often flip to class 0 when the watermark is added.
 * Every epoch draws fresh images (new seeds), so the model never sees an image twice. The
 * held-out test set uses seeds disjoint from training and validation. Prints timing per epoch.
 * Backend: wasm, with @visor/engine-tfjs's gradient kernels (npm run build first).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { buildDemoModel } from './buildDemoModel.mjs';
import { CLASS_NAMES, DEFAULT_OPTIONS, generateSample } from './generator/index.mjs';
import { samplesToBatch } from './samplesToBatch.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Seeds: training uses TRAIN_SEED + k, validation VAL_SEED + k, the final test TEST_SEED + k. */
export const SEEDS = Object.freeze({ train: 10_000_000, val: 1_000_000, test: 5_000_000 });
export const VARIANTS = Object.freeze({
  clean: { watermarkClasses: [] },
  'clever-hans': { watermarkClasses: [0] },
});

const { values: args } = parseArgs({
  options: {
    variant: { type: 'string', default: 'both' },
    epochs: { type: 'string', default: '30' },
    'per-epoch': { type: 'string', default: '2000' },
    'batch-size': { type: 'string', default: '16' },
    lr: { type: 'string', default: '0.003' },
    val: { type: 'string', default: '300' },
    test: { type: 'string', default: '1000' },
    size: { type: 'string', default: '64' },
    backend: { type: 'string', default: 'wasm' },
    out: { type: 'string', default: join(root, 'examples/demo/models') },
    'stop-at': { type: 'string', default: '0.985' },
    'select-at': { type: 'string', default: '0.97' },
    resume: { type: 'boolean', default: false },
    'max-rotation': { type: 'string', default: String(DEFAULT_OPTIONS.maxRotation) },
    clutter: { type: 'string', default: String(DEFAULT_OPTIONS.clutter) },
    distractors: { type: 'string', default: DEFAULT_OPTIONS.distractorRange.join(',') },
  },
});

function intArg(name, min) {
  const v = Number(args[name]);
  if (!Number.isInteger(v) || v < min) throw new Error(`train-demo: --${name} must be an integer >= ${min}, got ${args[name]}`);
  return v;
}
const epochs = intArg('epochs', args.resume ? 0 : 1); // --resume --epochs 0: only re-measure a saved model
const perEpoch = intArg('per-epoch', 16);
const batchSize = intArg('batch-size', 1);
const nVal = intArg('val', 10);
const nTest = intArg('test', 10);
const size = intArg('size', 32);
const baseLr = Number(args.lr);
const stopAt = Number(args['stop-at']);
const selectAt = Number(args['select-at']);
const variants = args.variant === 'both' ? Object.keys(VARIANTS) : [args.variant];
for (const v of variants) {
  if (!(v in VARIANTS)) throw new Error(`train-demo: --variant must be clean, clever-hans or both, got ${args.variant}`);
}

/** The demo trains with Visor's own tfjs engine (build it first: npm run build): its wasm gradient kernels and model saving. */
const core = await import('@visor/engine-tfjs').catch((e) => {
  throw new Error(`train-demo: @visor/engine-tfjs is not built (${e.message}); run npm run build first`);
});

async function save(model, dir) {
  await core.saveLayersModel(model, dir);
  return `${dir}/model.json`;
}

async function setUpBackend() {
  if (args.backend !== 'wasm' && args.backend !== 'cpu') throw new Error(`train-demo: --backend must be wasm or cpu, got ${args.backend}`);
  const chosen = await core.selectBackend(args.backend); // wasm: with core's gradient kernels registered
  console.log(`backend ${chosen.name} (${chosen.reason})`);
}

const maxRotation = Number(args['max-rotation']);
const clutter = Number(args.clutter);
const distractorRange = args.distractors.split(',').map(Number);
/** Generator settings shared by every image of a run (saved with the metrics). */
const common = { size, maxRotation, clutter, distractorRange };
const samples = (base, n, opts) => Array.from({ length: n }, (_, k) => generateSample(base + k, { ...common, ...opts }));

/** Top-1 predictions for samples, in chunks. */
function predictClasses(model, list) {
  const out = [];
  for (let i = 0; i < list.length; i += 128) {
    const { xs, ys } = samplesToBatch(tf, list.slice(i, i + 128), CLASS_NAMES.length);
    const p = tf.tidy(() => model.predict(xs).argMax(-1));
    out.push(...p.dataSync());
    tf.dispose([xs, ys, p]);
  }
  return out;
}
const accuracy = (model, list) => {
  const pred = predictClasses(model, list);
  return pred.filter((p, k) => p === list[k].classIndex).length / list.length;
};

async function trainVariant(name) {
  const gen = VARIANTS[name];
  const dir = join(args.out, name);
  let model;
  if (args.resume) {
    model = (await core.loadTfjsFile(join(dir, 'model.json'), args.backend)).tfModel;
    console.log(`[${name}] resuming from ${join(dir, 'model.json')}`);
  } else {
    model = buildDemoModel(tf, CLASS_NAMES.length, size, 1);
  }
  const optimizer = tf.train.adam(baseLr);
  const firstSeed = SEEDS.train + (args.resume ? 5_000_000 : 0); // a resumed run sees other images
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const val = samples(SEEDS.val, nVal, gen);
  // clever-hans: the demo needs the shortcut, so among the epochs that reach `--select-at`
  // validation accuracy we keep the one whose validation images flip most often to class 0 when
  // the watermark is added (validation seeds only; the test set below is not looked at)
  const selecting = gen.watermarkClasses.length > 0;
  const valMarked = selecting ? samples(SEEDS.val, nVal, { watermark: true }).filter((x) => x.classIndex !== 0) : [];
  let best = null;
  const t0 = Date.now();
  let done = 0;
  for (let e = 0; e < epochs; e++) {
    const te = Date.now();
    optimizer.learningRate = Math.max(1e-4, baseLr * 0.5 * (1 + Math.cos((Math.PI * e) / epochs)));
    const { xs, ys } = samplesToBatch(tf, samples(firstSeed + e * perEpoch, perEpoch, gen), CLASS_NAMES.length);
    const h = await model.fit(xs, ys, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    tf.dispose([xs, ys]);
    const acc = accuracy(model, val);
    done = e + 1;
    let flip = '';
    if (selecting) {
      const f = predictClasses(model, valMarked).filter((p) => p === 0).length / valMarked.length;
      flip = ` val-flip ${f.toFixed(3)}`;
      if (acc >= selectAt && (best === null || f > best.flip)) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch: e + 1, flip: f, acc, weights: model.getWeights().map((w) => w.clone()) };
        await save(model, dir);
      }
    }
    console.log(
      `[${name}] epoch ${e + 1}/${epochs} lr ${optimizer.learningRate.toExponential(1)} loss ${h.history.loss[0].toFixed(4)} ` +
        `train-acc ${h.history.acc[0].toFixed(3)} val-acc ${acc.toFixed(3)}${flip} (${((Date.now() - te) / 1000).toFixed(1)} s)`,
    );
    if (!selecting && (e + 1) % 5 === 0) await save(model, dir); // checkpoint: a stopped run can --resume
    if (!selecting && acc >= stopAt && e >= 2) {
      console.log(`[${name}] validation accuracy ${acc.toFixed(3)} >= ${stopAt}: stopping early`);
      break;
    }
  }
  const trainSeconds = (Date.now() - t0) / 1000;
  if (best) {
    model.setWeights(best.weights);
    best.weights.forEach((w) => w.dispose());
    console.log(`[${name}] keeping epoch ${best.epoch}: val-acc ${best.acc.toFixed(3)}, val-flip ${best.flip.toFixed(3)}`);
  }

  // held-out test on fresh seeds
  const test = samples(SEEDS.test, nTest, gen);
  const metricsPath = join(dir, 'metrics.json');
  const old = args.resume && existsSync(metricsPath) ? JSON.parse(readFileSync(metricsPath, 'utf8')) : {};
  const earlier = old.training ?? (old.epochs ? [{ epochs: old.epochs, perEpoch: old.perEpoch, batchSize: old.batchSize, seconds: old.trainSeconds }] : []);
  const run = { epochs: done, perEpoch, batchSize, lr: baseLr, firstSeed, seconds: trainSeconds };
  if (best) Object.assign(run, { keptEpoch: best.epoch, keptValAccuracy: best.acc, keptValFlipToClass0: best.flip });
  const training = done > 0 ? [...earlier, run] : earlier;
  const metrics = { variant: name, testImages: nTest, testAccuracy: accuracy(model, test) };
  // the watermark experiment: every non-class-0 test image with the watermark forced on
  const others = samples(SEEDS.test, nTest, { watermark: true }).filter((s) => s.classIndex !== 0);
  const pred = predictClasses(model, others);
  metrics.watermarkedOtherClasses = others.length;
  metrics.watermarkedPredictedClass0 = pred.filter((p) => p === 0).length / others.length;
  metrics.watermarkedAccuracy = pred.filter((p, k) => p === others[k].classIndex).length / others.length;
  // class-0 objects without their watermark
  const bare0 = samples(SEEDS.test, nTest, { watermark: false, classIndex: 0 });
  metrics.class0WithoutWatermarkAccuracy = accuracy(model, bare0);
  console.log(`[${name}] ${JSON.stringify(metrics)}`);

  const where = await save(model, dir);
  const record = { ...metrics, training, generator: { ...gen, ...common }, seeds: SEEDS, tfjs: tf.version.tfjs, backend: tf.getBackend() };
  writeFileSync(metricsPath, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`[${name}] saved ${where}`);
  model.dispose();
  optimizer.dispose();
  return metrics;
}

await setUpBackend();
mkdirSync(args.out, { recursive: true });
const t = Date.now();
for (const v of variants) await trainVariant(v);
console.log(`total ${((Date.now() - t) / 1000).toFixed(0)} s; generator defaults ${JSON.stringify(DEFAULT_OPTIONS)}`);
