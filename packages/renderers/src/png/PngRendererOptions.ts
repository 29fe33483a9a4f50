import type { JsonSchema } from '@visor/core';
import { COLORMAP_NAMES, type ColormapOption } from '../colormap/colormap.js';
import { NORMALIZE_MODES, type NormalizeMode } from '../normalize/normalizeWindow.js';

export interface PngRendererOptions {
  /** `auto` (rdbu for signed maps, jet otherwise) or a colormap name. */
  colormap: ColormapOption;
  /** Heatmap opacity over the image, 0 (image only) … 1 (heatmap only). */
  alpha: number;
  normalize: NormalizeMode;
  /** Percentile for `normalize: percentile`, in (50, 100]. */
  percentile: number;
  /** Write `<stem>/<method>-<classIndex>.png`. */
  overlay: boolean;
  /** Write `<stem>/<method>-<classIndex>-heatmap.png`. */
  heatmap: boolean;
  /** Write `<stem>/grid.png`. */
  grid: boolean;
  /** Write `<stem>/occlusion-patches.png` when an explanation carries `extras.patchPreview`. */
  patches: boolean;
  /** Width of one grid tile in pixels (height follows the heatmap's aspect ratio). */
  tileSize: number;
  /** Width of one patch in the occlusion patch preview, in pixels. */
  patchTileSize: number;
  /** Write `metric-curves.png` (the run's mean metric curves) when the run has metrics with curves. */
  curves: boolean;
}

export const PNG_DEFAULTS: PngRendererOptions = {
  colormap: 'auto',
  alpha: 0.5,
  normalize: 'auto',
  percentile: 99.5,
  overlay: true,
  heatmap: true,
  grid: true,
  patches: true,
  tileSize: 224,
  patchTileSize: 112,
  curves: true,
};

/** Options shared by the image renderers (png, html). */
export const colorOptionsSchema = {
  colormap: { enum: ['auto', ...COLORMAP_NAMES], description: 'auto: rdbu for signed maps, jet otherwise' },
  alpha: { type: 'number', minimum: 0, maximum: 1 },
  normalize: { enum: [...NORMALIZE_MODES] },
  percentile: { type: 'number', exclusiveMinimum: 50, maximum: 100 },
} as const;

export const PNG_OPTIONS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...colorOptionsSchema,
    overlay: { type: 'boolean' },
    heatmap: { type: 'boolean' },
    grid: { type: 'boolean' },
    patches: { type: 'boolean' },
    tileSize: { type: 'integer', minimum: 32, maximum: 2048 },
    patchTileSize: { type: 'integer', minimum: 8, maximum: 1024 },
    curves: { type: 'boolean' },
  },
};
