/**
 * Colormap definitions as piecewise-linear control points per channel, values in 0..1.
 *
 * - `jet`: matplotlib's segment data for `jet` (a LinearSegmentedColormap).
 * - `viridis`, `inferno`: matplotlib's 256-entry listed tables (CC0, by Stéfan van der Walt and
 *   Nathaniel Smith), sampled every 8th entry (entries 0, 8, …, 248) plus the last entry 255, at
 *   positions index/255. Linear interpolation between these samples differs from the full table
 *   by at most about one 8-bit level.
 * - `rdbu`: matplotlib's `RdBu_r` (ColorBrewer RdBu, 11 classes, reversed so that low/negative is
 *   blue, the middle is #f7f7f7 and high/positive is red), at positions i/10.
 * - `gray`: black to white.
 */

/** Control points [x, y] with x ascending from 0 to 1. */
export type ChannelPoints = readonly (readonly [number, number])[];

export interface ColormapDefinition {
  red: ChannelPoints;
  green: ChannelPoints;
  blue: ChannelPoints;
  /** True for diverging maps (the middle is neutral), used for signed data. */
  diverging: boolean;
}

/** Same positions for the three channels, from a list of [r, g, b] colours at the given positions. */
function listed(positions: readonly number[], colors: readonly (readonly [number, number, number])[], diverging = false): ColormapDefinition {
  if (positions.length !== colors.length) throw new Error('listed colormap: positions and colours differ in length');
  const channel = (c: 0 | 1 | 2): ChannelPoints => colors.map((rgb, i) => [positions[i], rgb[c]] as const);
  return { red: channel(0), green: channel(1), blue: channel(2), diverging };
}

/** Positions of the sampled entries of a 256-entry table: 0, 8, …, 248, 255 (divided by 255). */
const SAMPLED_256 = [...Array.from({ length: 32 }, (_, i) => (i * 8) / 255), 1];

const VIRIDIS_SAMPLES: [number, number, number][] = [
  [0.267004, 0.004874, 0.329415], [0.277018, 0.050344, 0.375715], [0.282327, 0.094955, 0.417331],
  [0.282884, 0.13592, 0.453427], [0.278826, 0.17549, 0.483397], [0.270595, 0.214069, 0.507052],
  [0.258965, 0.251537, 0.524736], [0.244972, 0.287675, 0.53726], [0.229739, 0.322361, 0.545706],
  [0.214298, 0.355619, 0.551184], [0.19943, 0.387607, 0.554642], [0.185556, 0.41857, 0.556753],
  [0.172719, 0.448791, 0.557885], [0.160665, 0.47854, 0.558115], [0.149039, 0.508051, 0.55725],
  [0.13777, 0.537492, 0.554906], [0.127568, 0.566949, 0.550556], [0.120565, 0.596422, 0.543611],
  [0.120638, 0.625828, 0.533488], [0.132268, 0.655014, 0.519661], [0.157851, 0.683765, 0.501686],
  [0.196571, 0.711827, 0.479221], [0.24607, 0.73891, 0.452024], [0.304148, 0.764704, 0.419943],
  [0.369214, 0.788888, 0.382914], [0.440137, 0.811138, 0.340967], [0.515992, 0.831158, 0.294279],
  [0.595839, 0.848717, 0.243329], [0.678489, 0.863742, 0.189503], [0.762373, 0.876424, 0.137064],
  [0.845561, 0.887322, 0.099702], [0.926106, 0.89733, 0.104071], [0.993248, 0.906157, 0.143936],
];

const INFERNO_SAMPLES: [number, number, number][] = [
  [0.001462, 0.000466, 0.013866], [0.013995, 0.011225, 0.071862], [0.042253, 0.028139, 0.141141],
  [0.081962, 0.043328, 0.215289], [0.129285, 0.047293, 0.290788], [0.183429, 0.040329, 0.354971],
  [0.238273, 0.036621, 0.396353], [0.290763, 0.045644, 0.418637], [0.3415, 0.062325, 0.429425],
  [0.391453, 0.080927, 0.433109], [0.441207, 0.099338, 0.431594], [0.491022, 0.117179, 0.425552],
  [0.54092, 0.134729, 0.415123], [0.590734, 0.152563, 0.40029], [0.640135, 0.171438, 0.381065],
  [0.688653, 0.192239, 0.357603], [0.735683, 0.215906, 0.330245], [0.780517, 0.243327, 0.299523],
  [0.822386, 0.275197, 0.266085], [0.860533, 0.311892, 0.230606], [0.894305, 0.353399, 0.193584],
  [0.923215, 0.399359, 0.155193], [0.946965, 0.449191, 0.115272], [0.965397, 0.502249, 0.073859],
  [0.978422, 0.557937, 0.034931], [0.985952, 0.61575, 0.025592], [0.987874, 0.675267, 0.065257],
  [0.984075, 0.736087, 0.129527], [0.974638, 0.797692, 0.206332], [0.960626, 0.859069, 0.29801],
  [0.947594, 0.917399, 0.410665], [0.954529, 0.965896, 0.540361], [0.988362, 0.998364, 0.644924],
];

/** ColorBrewer RdBu (11 classes) from blue to red, i.e. matplotlib's RdBu_r, as 8-bit colours. */
const RDBU_R_BYTES: [number, number, number][] = [
  [5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247],
  [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43], [103, 0, 31],
];

export const COLORMAP_DEFINITIONS = {
  jet: {
    red: [[0, 0], [0.35, 0], [0.66, 1], [0.89, 1], [1, 0.5]],
    green: [[0, 0], [0.125, 0], [0.375, 1], [0.64, 1], [0.91, 0], [1, 0]],
    blue: [[0, 0.5], [0.11, 1], [0.34, 1], [0.65, 0], [1, 0]],
    diverging: false,
  },
  viridis: listed(SAMPLED_256, VIRIDIS_SAMPLES),
  inferno: listed(SAMPLED_256, INFERNO_SAMPLES),
  gray: listed([0, 1], [[0, 0, 0], [1, 1, 1]]),
  rdbu: listed(
    RDBU_R_BYTES.map((_, i) => i / 10),
    RDBU_R_BYTES.map(([r, g, b]) => [r / 255, g / 255, b / 255] as [number, number, number]),
    true,
  ),
} satisfies Record<string, ColormapDefinition>;
