import { CLASS_NAMES } from './classNames.mjs';

/**
 * @typedef {object} Shape
 * @property {string} name        class name
 * @property {number} radius      the size parameter r (outer radius) in pixels
 * @property {number} rotation    rotation in radians
 * @property {number} area        the exact (analytic) area in pixels²
 * @property {number} extent      radius of a circle around the centre that contains the whole shape
 * @property {(dx: number, dy: number) => boolean} contains  is the point (offset from the centre) inside?
 */

/** Proportions of the shapes, relative to the outer radius r. */
export const SHAPE_PROPORTIONS = Object.freeze({
  crossHalfWidth: 0.28, // half the width of a cross's bars
  starInner: 0.45, // inner (valley) radius of the 5-point star
  ringInner: 0.55, // hole radius of the ring
});

/** Even-odd point-in-polygon test. @param {number[][]} poly @param {number} x @param {number} y */
function inPolygon(poly, x, y) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Regular polygon with alternating radii (a star when radii differ). */
function starPolygon(points, outer, inner, rotation) {
  const poly = [];
  for (let k = 0; k < 2 * points; k++) {
    const rad = k % 2 === 0 ? outer : inner;
    const a = rotation - Math.PI / 2 + (k * Math.PI) / points;
    poly.push([rad * Math.cos(a), rad * Math.sin(a)]);
  }
  return poly;
}

/**
 * The geometry of one class object: a point test plus its analytic area.
 *
 * @param {string} name one of CLASS_NAMES
 * @param {number} r outer radius in pixels (> 0)
 * @param {number} rotation radians
 * @returns {Shape}
 */
export function shapeFor(name, r, rotation) {
  if (!(r > 0)) throw new Error(`shapeFor: radius must be > 0, got ${r}`);
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  // into the shape's own frame
  const local = (dx, dy) => [cos * dx + sin * dy, -sin * dx + cos * dy];
  switch (name) {
    case 'circle':
      return { name, radius: r, rotation, area: Math.PI * r * r, extent: r, contains: (dx, dy) => dx * dx + dy * dy <= r * r };
    case 'ring': {
      const q = SHAPE_PROPORTIONS.ringInner * r;
      return {
        name,
        radius: r,
        rotation,
        area: Math.PI * (r * r - q * q),
        extent: r,
        contains: (dx, dy) => {
          const d2 = dx * dx + dy * dy;
          return d2 <= r * r && d2 >= q * q;
        },
      };
    }
    case 'square': {
      const h = r / Math.SQRT2; // circumradius r → half side r/√2
      return {
        name,
        radius: r,
        rotation,
        area: 4 * h * h,
        extent: r,
        contains: (dx, dy) => {
          const [u, v] = local(dx, dy);
          return Math.abs(u) <= h && Math.abs(v) <= h;
        },
      };
    }
    case 'cross': {
      const w = SHAPE_PROPORTIONS.crossHalfWidth * r;
      return {
        name,
        radius: r,
        rotation,
        area: 8 * r * w - 4 * w * w,
        extent: Math.hypot(r, w),
        contains: (dx, dy) => {
          const [u, v] = local(dx, dy);
          const au = Math.abs(u);
          const av = Math.abs(v);
          return (au <= r && av <= w) || (av <= r && au <= w);
        },
      };
    }
    case 'triangle': {
      const poly = starPolygon(3, r, r, rotation).filter((_, k) => k % 2 === 0);
      return {
        name,
        radius: r,
        rotation,
        area: ((3 * Math.sqrt(3)) / 4) * r * r,
        extent: r,
        contains: (dx, dy) => inPolygon(poly, dx, dy),
      };
    }
    case 'star': {
      const q = SHAPE_PROPORTIONS.starInner * r;
      const poly = starPolygon(5, r, q, rotation);
      return {
        name,
        radius: r,
        rotation,
        area: 5 * r * q * Math.sin(Math.PI / 5),
        extent: r,
        contains: (dx, dy) => inPolygon(poly, dx, dy),
      };
    }
    default:
      throw new Error(`shapeFor: unknown shape "${name}"; expected one of ${CLASS_NAMES.join(', ')}`);
  }
}
