import { interpolateInferno, interpolateRdBu, interpolateTurbo, interpolateViridis } from 'd3-scale-chromatic';

/**
 * The colormaps Visor renders with. `rdbu` is diverging (blue < 0 < red) and the default for
 * signed maps; `jet` the default for unsigned ones.
 */
export const COLORMAP_NAMES = ['jet', 'viridis', 'inferno', 'turbo', 'gray', 'rdbu'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];
/** A colormap option: a name, or `auto` (rdbu for signed maps, jet otherwise). */
export type ColormapOption = ColormapName | 'auto';

export type Rgb = [number, number, number];

/** Entries of every colormap table (as in matplotlib and d3's sequential schemes). */
export const COLORMAP_SIZE = 256;

/** Piecewise-linear control points [x, y] of one channel, x ascending from 0 to 1. */
type Segments = readonly (readonly [number, number])[];

/**
 * `jet` as matplotlib defines it (`_jet_data`, its piecewise-linear form of MATLAB's jet;
 * MATLAB's own breakpoints sit at multiples of 1/8, e.g. red rises over [3/8, 5/8] there and
 * over [0.35, 0.66] here). d3 has no jet.
 */
const JET: readonly [Segments, Segments, Segments] = [
  [
    [0, 0],
    [0.35, 0],
    [0.66, 1],
    [0.89, 1],
    [1, 0.5],
  ],
  [
    [0, 0],
    [0.125, 0],
    [0.375, 1],
    [0.64, 1],
    [0.91, 0],
    [1, 0],
  ],
  [
    [0, 0.5],
    [0.11, 1],
    [0.34, 1],
    [0.65, 0],
    [1, 0],
  ],
];

function evalSegments(points: Segments, t: number): number {
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (t <= x1) {
      const [x0, y0] = points[i - 1]!;
      return y0 + ((t - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return points[points.length - 1]![1];
}

/**
 * d3-scale-chromatic formats colours with d3-color: `#rrggbb` (the stored schemes, e.g. viridis)
 * or `rgb(r, g, b)` (the computed ones, e.g. turbo, RdBu), channels already 0..255 integers.
 */
function parseD3Color(css: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const fn = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(css);
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  throw new Error(`d3-scale-chromatic returned the colour ${JSON.stringify(css)}, neither #rrggbb nor rgb(r, g, b)`);
}

interface ColormapDefinition {
  /** The colour at t in [0, 1], 8-bit. */
  at(t: number): Rgb;
  /** True for diverging maps (the middle is neutral), used for signed data. */
  diverging: boolean;
}

const fromD3 = (interpolate: (t: number) => string, diverging = false): ColormapDefinition => ({
  at: (t) => parseD3Color(interpolate(t)),
  diverging,
});

/**
 * - `viridis`, `inferno`: d3's copies of matplotlib's 256-entry tables (d3 picks entry
 *   floor(256·t), as the lookup below does, so every t gives d3's colour exactly);
 * - `turbo`: d3's polynomial approximation of Google's Turbo;
 * - `rdbu`: d3's RdBu reversed (blue for low/negative, red for high/positive): a uniform B-spline
 *   through ColorBrewer's 11 RdBu colours. The spline passes through the two ends but not through
 *   the middle colour #f7f7f7: at t = 0.5 it is (242, 239, 238), table entry 128 is (242, 239, 237);
 * - `jet`: matplotlib's segment data above; `gray`: black to white.
 */
const DEFINITIONS: Record<ColormapName, ColormapDefinition> = {
  jet: { at: (t) => JET.map((s) => Math.round(evalSegments(s, t) * 255)) as Rgb, diverging: false },
  viridis: fromD3(interpolateViridis),
  inferno: fromD3(interpolateInferno),
  turbo: fromD3(interpolateTurbo),
  gray: { at: (t) => [Math.round(t * 255), Math.round(t * 255), Math.round(t * 255)], diverging: false },
  rdbu: fromD3((t) => interpolateRdBu(1 - t), true),
};

const tables = new Map<ColormapName, Uint8Array>();

function checkName(name: string): asserts name is ColormapName {
  if (!Object.hasOwn(DEFINITIONS, name)) throw new Error(unknownColormap(name));
}

/** The cached table of a colormap: entry i is the colour at t = i / 255, built on first use. */
function table(name: ColormapName): Uint8Array {
  let lut = tables.get(name);
  if (lut === undefined) {
    checkName(name);
    lut = new Uint8Array(COLORMAP_SIZE * 3);
    for (let i = 0; i < COLORMAP_SIZE; i++) lut.set(DEFINITIONS[name].at(i / (COLORMAP_SIZE - 1)), i * 3);
    tables.set(name, lut);
  }
  return lut;
}

/**
 * The table entry of `t` in [0, 1]: floor(256·t), 1 → 255, as matplotlib's `Colormap.__call__` and
 * d3's schemes bin it (entry i, at i/255, lies inside its bin [i/256, (i+1)/256)). Out-of-range
 * values are clamped; NaN gives 0 so that a bad value never gives a NaN colour.
 */
export function colormapIndex(t: number): number {
  if (!(t > 0)) return 0;
  return t >= 1 ? COLORMAP_SIZE - 1 : Math.floor(t * COLORMAP_SIZE);
}

/** The colour of `t` in [0, 1] as 8-bit [r, g, b]: the table entry `colormapIndex(t)`. */
export function colormapRgb(name: ColormapName, t: number): Rgb {
  const lut = table(name);
  const i = colormapIndex(t) * 3;
  return [lut[i]!, lut[i + 1]!, lut[i + 2]!];
}

/** A copy of the 256-entry table, flattened [r0, g0, b0, r1, …]; entry i is the colour at i / 255. */
export function colormapLut(name: ColormapName): Uint8Array {
  return table(name).slice();
}

/** True for the diverging maps (neutral middle). */
export function isDiverging(name: ColormapName): boolean {
  checkName(name);
  return DEFINITIONS[name].diverging;
}

/** Resolves the `colormap` option for one map: `auto` is rdbu for signed maps and jet otherwise. */
export function resolveColormap(option: string, signed: boolean): ColormapName {
  if (option === 'auto') return signed ? 'rdbu' : 'jet';
  checkName(option);
  return option;
}

function unknownColormap(name: string): string {
  return `Unknown colormap ${JSON.stringify(name)} (option "colormap"); accepted: auto, ${COLORMAP_NAMES.join(', ')}`;
}
