import { VisorError, type Explanation } from '@visor/core';

/** The explanation's heatmap values, checked to be [H, W] at the input's resolution. */
export function heatmapOf(explanation: Explanation, H: number, W: number, metric: string): Float32Array {
  const { shape, data } = explanation.heatmap;
  if (shape.length !== 2 || shape[0] !== H || shape[1] !== W || data.length !== H * W) {
    throw new VisorError(
      `${metric}: the '${explanation.method}' heatmap of input ${explanation.inputIndex} (class ${explanation.target.classIndex}) is [${shape.join(', ')}], not the input's [${H}, ${W}]`,
      { code: 'run', hint: `Explainers must return a heatmap at the model's input resolution; this is a bug in '${explanation.method}'.` },
    );
  }
  return data;
}
