import type { OnnxAttr } from './onnxAttr.js';
import { attr } from './onnxAttr.js';
import { paddedOutput, samePads, windowOutput, type WindowAxis } from './tfPadding.js';

/** TF padding of a 2-D window op: `same`, `valid`, or explicit [[top, bottom], [left, right]]. */
export type WindowPadding = 'same' | 'valid' | [[number, number], [number, number]];

/**
 * The ONNX padding attributes (`pads` [top, left, bottom, right], or `auto_pad: SAME_UPPER` when a
 * `same` window meets an unknown size) and the output size of each spatial axis.
 */
export function windowPadding(
  axes: [WindowAxis, WindowAxis],
  padding: WindowPadding,
): { attrs: Record<string, OnnxAttr>; out: [number | null, number | null] } {
  if (padding === 'valid' || Array.isArray(padding)) {
    const [ph, pw] =
      padding === 'valid'
        ? ([
            [0, 0],
            [0, 0],
          ] as const)
        : padding;
    return {
      attrs: { pads: attr.ints([ph[0], pw[0], ph[1], pw[1]]) },
      out: [windowOutput(axes[0], [ph[0], ph[1]]), windowOutput(axes[1], [pw[0], pw[1]])],
    };
  }
  const ph = samePads(axes[0]);
  const pw = samePads(axes[1]);
  const out: [number | null, number | null] = [paddedOutput(axes[0], 'same'), paddedOutput(axes[1], 'same')];
  if (ph === null || pw === null) return { attrs: { auto_pad: attr.string('SAME_UPPER') }, out };
  return { attrs: { pads: attr.ints([ph[0], pw[0], ph[1], pw[1]]) }, out };
}
