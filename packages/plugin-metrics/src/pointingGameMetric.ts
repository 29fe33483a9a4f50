import { nhwc } from '@visor/core';
import type { Metric } from '@visor/core';
import { heatmapOf } from './heatmapOf.js';
import { maskOf } from './maskOf.js';
import { pointingGame } from './pointingGame.js';

export interface PointingGameOptions {
  /** Distance in pixels (at the model's input size) within which the maximum still counts as on the object. */
  tolerance: number;
}

export const pointingGameDefaults: PointingGameOptions = { tolerance: 15 };

/** Pointing game (Zhang et al. 2016): is the map's maximum on the object? Only inputs with a mask get a result. */
export const pointingGameMetric: Metric<PointingGameOptions> = {
  id: 'pointing-game',
  description: "Pointing game: 1 when the map's maximum lies on the ground-truth mask (within a tolerance), else 0.",
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      tolerance: {
        description: "Distance in pixels at the model's input size within which the maximum counts as a hit (15 in Zhang et al. 2016).",
        type: 'number',
        minimum: 0,
        default: pointingGameDefaults.tolerance,
      },
    },
  },
  defaults: pointingGameDefaults,
  async evaluate(ctx) {
    const [, H, W] = nhwc(ctx.input);
    const meaning = `1 when the map's maximum (the first in row-major order among ties) lies within ${ctx.options.tolerance} px of the ground-truth mask, else 0 (Zhang et al. 2016); the mean over inputs is the hit rate. Higher is better.`;
    return ctx.explanations.flatMap((e) => {
      const mask = maskOf(ctx, e.inputIndex, 'pointing-game');
      if (!mask) return [];
      const { hit, x, y } = pointingGame(heatmapOf(e, H, W, 'pointing-game'), mask, H, W, ctx.options.tolerance);
      return [{ metric: 'pointing-game', method: e.method, inputIndex: e.inputIndex, classIndex: e.target.classIndex, values: { hit, x, y }, meaning }];
    });
  },
};
