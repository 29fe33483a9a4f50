import { CLASS_NAMES } from './classNames.mjs';
import { drawBackground } from './drawBackground.mjs';
import { drawDistractors } from './drawDistractors.mjs';
import { drawWatermark } from './drawWatermark.mjs';
import { mulberry32 } from './mulberry32.mjs';
import { luminance, randomColour } from './randomColour.mjs';
import { SHAPE_PROPORTIONS, shapeFor } from './shapeFor.mjs';
import { CORNERS, watermarkBox } from './watermarkBox.mjs';

/**
 * @typedef {object} GeneratorOptions
 * @property {number} [size=64] image side in pixels (32..512)
 * @property {number} [classIndex] force the class (index into CLASS_NAMES); random otherwise
 * @property {boolean | 'policy'} [watermark='policy'] true/false force the watermark on/off;
 *   'policy' puts it on exactly when the class is in `watermarkClasses`
 * @property {number[]} [watermarkClasses=[]] classes that carry the watermark under the 'policy'
 * @property {string} [watermarkCorner] force the corner (one of CORNERS); random otherwise
 * @property {[number, number]} [radiusRange=[0.15, 0.34]] outer radius as a fraction of `size`
 * @property {[number, number]} [distractorRange=[2, 6]] number of small blobs (inclusive range)
 * @property {number} [maxRotation=π/4] rotation drawn uniformly from [-maxRotation, maxRotation] radians
 * @property {number} [clutter=0.6] scales the background texture (noise, stripes, grain)
 * @property {number} [minContrast=0.4] least luminance difference between object and background mean
 */

/**
 * @typedef {object} Sample
 * @property {number} seed
 * @property {number} size
 * @property {number} classIndex
 * @property {string} className
 * @property {Uint8Array} image RGB, row-major, size×size×3
 * @property {Uint8Array} mask 1 where the object is visible, 0 elsewhere, size×size
 * @property {{ x: number, y: number, width: number, height: number }} bbox tight box around the mask, in pixels
 * @property {{ x: number, y: number, radius: number, rotation: number, area: number }} object
 *   centre (continuous pixel coordinates, pixel (i, j) has its centre at (i + 0.5, j + 0.5)),
 *   outer radius, rotation (radians) and analytic area of the drawn shape
 * @property {{ corner: string, x: number, y: number, width: number, height: number } | null} watermark
 */

export const DEFAULT_OPTIONS = Object.freeze({
  size: 64,
  watermark: 'policy',
  watermarkClasses: Object.freeze([]),
  radiusRange: Object.freeze([0.15, 0.34]),
  distractorRange: Object.freeze([2, 6]),
  minContrast: 0.4,
  maxRotation: Math.PI / 4,
  clutter: 0.6,
});

const KNOWN = new Set([
  'size',
  'classIndex',
  'watermark',
  'watermarkClasses',
  'watermarkCorner',
  'radiusRange',
  'distractorRange',
  'minContrast',
  'maxRotation',
  'clutter',
]);

function check(opts) {
  for (const k of Object.keys(opts)) {
    if (!KNOWN.has(k)) throw new Error(`generateSample: unknown option "${k}"; accepted: ${[...KNOWN].join(', ')}`);
  }
  const o = { ...DEFAULT_OPTIONS, ...opts };
  if (!Number.isInteger(o.size) || o.size < 32 || o.size > 512) {
    throw new Error(`generateSample: option size must be an integer in 32..512, got ${o.size}`);
  }
  if (o.classIndex !== undefined && !(Number.isInteger(o.classIndex) && o.classIndex >= 0 && o.classIndex < CLASS_NAMES.length)) {
    throw new Error(`generateSample: option classIndex must be an integer in 0..${CLASS_NAMES.length - 1}, got ${o.classIndex}`);
  }
  if (o.watermark !== true && o.watermark !== false && o.watermark !== 'policy') {
    throw new Error(`generateSample: option watermark must be true, false or 'policy', got ${JSON.stringify(o.watermark)}`);
  }
  if (o.watermarkCorner !== undefined && !CORNERS.includes(o.watermarkCorner)) {
    throw new Error(`generateSample: option watermarkCorner must be one of ${CORNERS.join(', ')}, got ${JSON.stringify(o.watermarkCorner)}`);
  }
  const [r0, r1] = o.radiusRange;
  if (!(r0 > 0 && r1 >= r0 && r1 <= 0.4)) {
    throw new Error(`generateSample: option radiusRange must be [min, max] with 0 < min <= max <= 0.4, got ${JSON.stringify(o.radiusRange)}`);
  }
  if (!(typeof o.maxRotation === 'number' && o.maxRotation >= 0 && o.maxRotation <= Math.PI)) {
    throw new Error(`generateSample: option maxRotation must be a number of radians in [0, π], got ${JSON.stringify(o.maxRotation)}`);
  }
  if (!(typeof o.clutter === 'number' && o.clutter >= 0 && o.clutter <= 2)) {
    throw new Error(`generateSample: option clutter must be a number in [0, 2], got ${JSON.stringify(o.clutter)}`);
  }
  return o;
}

/**
 * One procedural image with its ground truth. Deterministic: the same (seed, options) gives the
 * same bytes. The random draws do not depend on `classIndex`/`watermark`/`watermarkCorner` being
 * forced, so `generateSample(s, { watermark: true })` differs from `generateSample(s, { watermark: false })`
 * only in the watermark's pixels — the controlled experiment the Clever-Hans diagnosis needs.
 *
 * @param {number} seed any integer
 * @param {GeneratorOptions} [opts]
 * @returns {Sample}
 */
export function generateSample(seed, opts = {}) {
  const o = check(opts);
  const size = o.size;
  const rng = mulberry32(seed);

  // 1. class and watermark corner (always drawn, so later draws do not shift when forced)
  const drawnClass = Math.floor(rng() * CLASS_NAMES.length);
  const classIndex = o.classIndex ?? drawnClass;
  const drawnCorner = CORNERS[Math.floor(rng() * CORNERS.length)];
  const corner = o.watermarkCorner ?? drawnCorner;
  const hasWatermark = o.watermark === 'policy' ? o.watermarkClasses.includes(classIndex) : o.watermark;
  const wbox = watermarkBox(corner, size);

  // 2. background and distractors
  const { rgb, meanColour } = drawBackground(rng, size, o.clutter);
  const [d0, d1] = o.distractorRange;
  const nDistractors = d0 + Math.floor(rng() * (d1 - d0 + 1));
  drawDistractors(rng, rgb, size, nDistractors);

  // 3. the object: size, rotation, colour with contrast, position clear of every watermark corner
  const radius = size * (o.radiusRange[0] + rng() * (o.radiusRange[1] - o.radiusRange[0]));
  const rotation = (2 * rng() - 1) * o.maxRotation;
  const shape = shapeFor(CLASS_NAMES[classIndex], radius, rotation);
  const bgLum = luminance(meanColour);
  let colour = randomColour(rng);
  for (let tries = 0; tries < 50 && Math.abs(luminance(colour) - bgLum) < o.minContrast; tries++) colour = randomColour(rng);
  if (Math.abs(luminance(colour) - bgLum) < o.minContrast) colour = bgLum > 0.5 ? [0.05, 0.05, 0.05] : [0.95, 0.95, 0.95];
  const shadeAngle = rng() * 2 * Math.PI;
  const shadeAmp = 0.1 * rng();

  // keep the whole shape out of the corner squares where a watermark may go (any corner, so that
  // moving the watermark never covers the object)
  const keepOut = watermarkBox('top-left', size).x + watermarkBox('top-left', size).width + 1;
  // placement uses the largest extent of any class at this radius, so the number of draws (and
  // with it every later draw) does not depend on the class
  const ext = Math.hypot(1, SHAPE_PROPORTIONS.crossHalfWidth) * radius;
  const lo = ext + 1;
  const hi = size - ext - 1;
  let cx = size / 2;
  let cy = size / 2;
  for (let tries = 0; tries < 100; tries++) {
    const px = lo + rng() * (hi - lo);
    const py = lo + rng() * (hi - lo);
    if (clearOfCorners(px, py, ext, size, keepOut)) {
      cx = px;
      cy = py;
      break;
    }
  }

  const mask = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      if (!shape.contains(dx, dy)) continue;
      mask[y * size + x] = 1;
      const shade = shadeAmp * ((dx * Math.cos(shadeAngle) + dy * Math.sin(shadeAngle)) / radius);
      const o3 = (y * size + x) * 3;
      for (let ch = 0; ch < 3; ch++) rgb[o3 + ch] = colour[ch] + shade;
    }
  }

  // 4. quantize, then the watermark on top
  const image = new Uint8Array(size * size * 3);
  for (let i = 0; i < rgb.length; i++) image[i] = Math.round(255 * Math.min(1, Math.max(0, rgb[i])));
  if (hasWatermark) drawWatermark(image, size, wbox);

  return {
    seed,
    size,
    classIndex,
    className: CLASS_NAMES[classIndex],
    image,
    mask,
    bbox: maskBox(mask, size),
    object: { x: cx, y: cy, radius, rotation, area: shape.area },
    watermark: hasWatermark ? wbox : null,
  };
}

/** Is a disc of radius `ext` at (x, y) outside the four keepOut×keepOut corner squares? */
function clearOfCorners(x, y, ext, size, keepOut) {
  for (const [qx, qy] of [
    [0, 0],
    [size - keepOut, 0],
    [0, size - keepOut],
    [size - keepOut, size - keepOut],
  ]) {
    // distance from the disc centre to the square [qx, qx+keepOut]×[qy, qy+keepOut]
    const dx = Math.max(qx - x, 0, x - (qx + keepOut));
    const dy = Math.max(qy - y, 0, y - (qy + keepOut));
    if (dx * dx + dy * dy < ext * ext) return false;
  }
  return true;
}

/** Tight bounding box of the 1s of a mask (width/height 0 for an empty mask). */
function maskBox(mask, size) {
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!mask[y * size + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? { x: 0, y: 0, width: 0, height: 0 } : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
