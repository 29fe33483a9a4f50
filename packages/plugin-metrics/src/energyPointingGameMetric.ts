import { nhwc } from '@visor/core';
import type { Metric } from '@visor/core';
import { energyPointingGame } from './energyPointingGame.js';
import { heatmapOf } from './heatmapOf.js';
import { maskOf } from './maskOf.js';

/** Energy-based pointing game (Wang et al. 2020): the share of the map's positive mass on the object. Only inputs with a mask. */
export const energyPointingGameMetric: Metric<Record<string, never>> = {
  id: 'energy-pointing-game',
  description: "Energy-based pointing game: the share of the map's positive mass inside the ground-truth mask.",
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  async evaluate(ctx) {
    const [, H, W] = nhwc(ctx.input);
    const meaning =
      "Share of the map's positive mass inside the ground-truth mask, Σ_mask max(L, 0) / Σ max(L, 0) (Wang et al. 2020, Score-CAM); 0 for a map without positive values. Higher is better; a uniform map scores the mask's share of the image.";
    return ctx.explanations.flatMap((e) => {
      const mask = maskOf(ctx, e.inputIndex, 'energy-pointing-game');
      if (!mask) return [];
      const energy = energyPointingGame(heatmapOf(e, H, W, 'energy-pointing-game'), mask);
      return [{ metric: 'energy-pointing-game', method: e.method, inputIndex: e.inputIndex, classIndex: e.target.classIndex, values: { energy }, meaning }];
    });
  },
};
