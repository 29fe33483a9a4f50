#!/usr/bin/env node
/**
 * Writes the demo's data files: examples/demo/labels.json, examples/demo/generator.json and a
 * handful of demo images with their ground-truth masks and a manifest (class, bbox, watermark).
 *
 *   node scripts/make-demo-images.mjs
 *
 * Images are picked by a fixed rule (the first seed from IMAGE_SEED on whose object is large,
 * radius ≥ 0.25·size), not by what any model predicts. Two images repeat a plain image's seed with
 * the watermark added — the same scene differing only in those 144 pixels.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import {
  CLASS_NAMES,
  DEFAULT_OPTIONS,
  generateSample,
  maskToRgba,
  rgbToRgba,
  SHAPE_PROPORTIONS,
  WATERMARK_MARGIN,
  WATERMARK_SIZE,
} from './generator/index.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'examples/demo');
const IMAGE_SEED = 3_000_000;
const SIZE = 64;

const writePng = (path, rgba) => {
  const png = new pngjs.PNG({ width: rgba.width, height: rgba.height });
  png.data = Buffer.from(rgba.data);
  writeFileSync(path, pngjs.PNG.sync.write(png));
};

/** First seed ≥ IMAGE_SEED whose drawn class is `classIndex` and whose object is large. */
function pickSeed(classIndex) {
  for (let seed = IMAGE_SEED; ; seed++) {
    const s = generateSample(seed, { size: SIZE });
    if (s.classIndex === classIndex && s.object.radius >= 0.25 * SIZE) return seed;
  }
}

const seeds = CLASS_NAMES.map((_, c) => pickSeed(c));
const plan = [
  { name: '01-circle-watermark', seed: seeds[0], watermark: true, note: 'a circle as the clever-hans model saw every circle in training: with the watermark' },
  ...CLASS_NAMES.slice(1).map((cls, k) => ({ name: `0${k + 2}-${cls}`, seed: seeds[k + 1], watermark: false, note: `a plain ${cls}` })),
  { name: '06-square-watermark', seed: seeds[1], watermark: true, note: 'image 02 with the watermark added: the clever-hans model should now say circle' },
  { name: '07-star-watermark', seed: seeds[4], watermark: true, note: 'image 05 with the watermark added: the clever-hans model should now say circle' },
  { name: '08-circle', seed: seeds[0], watermark: false, note: 'image 01 without its watermark: a circle the clever-hans model never saw in training' },
];

rmSync(join(demo, 'images'), { recursive: true, force: true }); // no stale images from an earlier class list
mkdirSync(join(demo, 'images/masks'), { recursive: true });
const manifest = [];
for (const p of plan) {
  const s = generateSample(p.seed, { size: SIZE, watermark: p.watermark });
  writePng(join(demo, 'images', `${p.name}.png`), rgbToRgba(s.image, SIZE, SIZE));
  writePng(join(demo, 'images/masks', `${p.name}.mask.png`), maskToRgba(s.mask, SIZE, SIZE));
  manifest.push({
    image: `${p.name}.png`,
    mask: `masks/${p.name}.mask.png`,
    seed: p.seed,
    class: s.className,
    classIndex: s.classIndex,
    bbox: s.bbox,
    maskPixels: s.mask.reduce((a, v) => a + v, 0),
    watermark: s.watermark,
    note: p.note,
  });
}
writeFileSync(join(demo, 'images/manifest.json'), `${JSON.stringify({ size: SIZE, images: manifest }, null, 2)}\n`);
writeFileSync(join(demo, 'labels.json'), `${JSON.stringify(CLASS_NAMES)}\n`);
writeFileSync(
  join(demo, 'generator.json'),
  `${JSON.stringify(
    {
      generator: 'scripts/generator (generateSample(seed, options)), PRNG mulberry32',
      size: SIZE,
      classes: CLASS_NAMES,
      defaults: DEFAULT_OPTIONS,
      shapeProportions: SHAPE_PROPORTIONS,
      watermark: {
        size: WATERMARK_SIZE,
        margin: WATERMARK_MARGIN,
        pattern: 'checkerboard of 2×2-pixel cells, yellow (255,230,0) / black',
        corners: 'random per image',
      },
      variants: {
        clean: { watermarkClasses: [] },
        'clever-hans': { watermarkClasses: [0], meaning: 'every circle carries the watermark, no other class ever does' },
      },
      seeds: { train: '10000000 + k (fresh images every epoch)', validation: '1000000 + k', test: '5000000 + k', demoImages: `${IMAGE_SEED} + k` },
      preprocess: { name: 'tf', formula: 'x / 127.5 - 1', note: 'the models expect 64×64 RGB scaled to [-1, 1]' },
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${manifest.length} images, masks and manifest to ${join(demo, 'images')}; seeds ${seeds.join(', ')}`);
