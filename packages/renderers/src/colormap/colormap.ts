import { COLORMAP_DEFINITIONS, type ChannelPoints } from './colormapData.js';

/** The colormaps Visor renders with. `rdbu` is diverging (blue < 0 < red) and the default for signed maps. */
export const COLORMAP_NAMES = ['jet', 'viridis', 'inferno', 'gray', 'rdbu'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];
/** A colormap option: a name, or `auto` (rdbu for signed maps, jet otherwise). */
export type ColormapOption = ColormapName | 'auto';

export type Rgb = [number, number, number];

function evalChannel(points: ChannelPoints, t: number): number {
  if (t <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (t <= x1) {
      const [x0, y0] = points[i - 1];
      return x1 === x0 ? y1 : y0 + ((t - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return points[points.length - 1][1];
}

/** Clamps to [0, 1]; NaN becomes 0 so that a bad value can never produce a NaN colour. */
function clampUnit(t: number): number {
  if (!(t > 0)) return 0;
  return t > 1 ? 1 : t;
}

/**
 * The colour of `t` in [0, 1] (clamped) as 8-bit [r, g, b]. Control points are interpolated
 * linearly and each channel is rounded to the nearest integer (`Math.round(v * 255)`, halves up):
 * gray(0.5) = 128, jet(0) = (0, 0, 128).
 */
export function colormapRgb(name: ColormapName, t: number): Rgb {
  const def = COLORMAP_DEFINITIONS[name];
  if (def === undefined) throw new Error(unknownColormap(name));
  const u = clampUnit(t);
  return [
    Math.round(evalChannel(def.red, u) * 255),
    Math.round(evalChannel(def.green, u) * 255),
    Math.round(evalChannel(def.blue, u) * 255),
  ];
}

/** `n` colours at t = i / (n - 1), flattened [r0, g0, b0, r1, …]; used for fast per-pixel lookup. */
export function colormapLut(name: ColormapName, n = 256): Uint8Array {
  if (!Number.isInteger(n) || n < 2) throw new Error(`colormapLut: n must be an integer ≥ 2, got ${n}`);
  const lut = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) lut.set(colormapRgb(name, i / (n - 1)), i * 3);
  return lut;
}

/** True for the diverging maps (neutral middle). */
export function isDiverging(name: ColormapName): boolean {
  return COLORMAP_DEFINITIONS[name].diverging;
}

/** Resolves the `colormap` option for one map: `auto` is rdbu for signed maps and jet otherwise. */
export function resolveColormap(option: string, signed: boolean): ColormapName {
  if (option === 'auto') return signed ? 'rdbu' : 'jet';
  if ((COLORMAP_NAMES as readonly string[]).includes(option)) return option as ColormapName;
  throw new Error(unknownColormap(option));
}

function unknownColormap(name: string): string {
  return `Unknown colormap ${JSON.stringify(name)} (option "colormap"); accepted: auto, ${COLORMAP_NAMES.join(', ')}`;
}
