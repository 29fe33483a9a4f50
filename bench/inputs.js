import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { generateSample, rgbToRgba } from '../scripts/generator/index.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `count` input images [H, W, C] for a model: the demo images (examples/demo/images) fitted to its
 * size and scaled to [-1, 1], cycled; deterministic noise where there are none. The values do not
 * change the work of any engine (dense kernels), only which class is the top-1 target.
 */
export async function inputImages(core, [H, W, C], count) {
  const dir = join(repo, 'examples/demo/images');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.png') && !f.includes('.mask.'))
        .sort()
        .map((f) => join(dir, f))
    : [];
  const images = [];
  for (const f of files) {
    const decoded = await core.readInput(f);
    if (decoded.channels !== C) continue;
    images.push(core.fitToModel(decoded, { height: H, width: W }).data.map((v) => v / 127.5 - 1));
  }
  if (images.length === 0) {
    let s = 12345;
    images.push(new Float32Array(H * W * C).map(() => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 31 - 1));
  }
  return Array.from({ length: count }, (_, i) => images[i % images.length]);
}

/** The images as one batch [N, H, W, C]. */
export function batchOf(images, [H, W, C]) {
  const size = H * W * C;
  const data = new Float32Array(images.length * size);
  images.forEach((img, i) => data.set(img, i * size));
  return { data, shape: [images.length, H, W, C] };
}

/** Side of the generated demo images the queue and scale benches run on. */
export const DEMO_IMAGE_SIZE = 64;

/** The path of generated image k in `dir`. */
export const demoImagePath = (dir, k) => join(dir, `img-${String(k).padStart(5, '0')}.png`);

/** Writes `count` generated demo images (PNG, DEMO_IMAGE_SIZE square, sample seeds `seed`, `seed` + 1, …) into `dir`. */
export function writeDemoImages(dir, count, seed) {
  mkdirSync(dir, { recursive: true });
  const size = DEMO_IMAGE_SIZE;
  for (let k = 0; k < count; k++) {
    const s = generateSample(seed + k, { size });
    const png = new pngjs.PNG({ width: size, height: size });
    png.data = Buffer.from(rgbToRgba(s.image, size, size).data);
    writeFileSync(demoImagePath(dir, k), pngjs.PNG.sync.write(png));
  }
}

/** The config lines that run the clean demo model on wasm (its preprocessing and labels), for a bench's run.yaml. */
export function demoModelConfig() {
  return `model: ${join(repo, 'examples/demo/models/clean/model.json')}
backend: wasm
preprocess: tf
labels: ${join(repo, 'examples/demo/labels.json')}`;
}
