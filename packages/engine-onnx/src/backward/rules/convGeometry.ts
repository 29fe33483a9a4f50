import type { onnx } from 'onnx-proto';
import type { GraphBuilder } from '../../graph/GraphBuilder.js';
import { attr, attrInts, attrString } from '../../proto/attributes.js';

/**
 * The window geometry of a Conv or pooling node, with auto_pad resolved to explicit pads. Every list has
 * one entry per spatial axis (pads two), as windowGeometry checks, so indexing by axis is safe.
 */
export interface WindowGeometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** [begin_0, …, begin_k, end_0, …, end_k], as ONNX orders them. */
  pads: number[];
  /** Output spatial sizes (as shape inference found them: ceil_mode included). */
  out: number[];
}

/**
 * Reads kernel, strides, dilations and pads of a Conv/MaxPool/AveragePool over spatial input sizes
 * `spatial`, resolving auto_pad (SAME_UPPER puts the odd padding at the end, SAME_LOWER at the
 * start, VALID none). `out` are the output's spatial sizes.
 */
export function windowGeometry(node: onnx.INodeProto, spatial: number[], kernel: number[], out: number[]): WindowGeometry {
  const k = spatial.length;
  const strides = attrInts(node, 'strides') ?? Array<number>(k).fill(1);
  const dilations = attrInts(node, 'dilations') ?? Array<number>(k).fill(1);
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  let pads = attrInts(node, 'pads') ?? Array<number>(2 * k).fill(0);
  const lengths = { kernel_shape: kernel.length, strides: strides.length, dilations: dilations.length, 'output sizes': out.length };
  const wrong = Object.entries(lengths).filter(([, n]) => n !== k);
  if (pads.length !== 2 * k) wrong.push(['pads', pads.length]);
  if (wrong.length > 0) {
    const list = wrong.map(([name, n]) => `${name} has ${n}`).join(', ');
    throw new Error(
      `${node.opType} node '${node.name ?? node.output?.[0] ?? '?'}' over ${k} spatial axes: ${list} entries (pads takes ${2 * k}, the others ${k})`,
    );
  }
  // All lists have k entries (2k for pads) from here on.
  const effective = kernel.map((kk, i) => (kk - 1) * dilations[i]! + 1);
  if (autoPad === 'VALID') pads = Array<number>(2 * k).fill(0);
  else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    pads = Array<number>(2 * k).fill(0);
    for (let i = 0; i < k; i++) {
      const outSize = Math.ceil(spatial[i]! / strides[i]!);
      const total = Math.max(0, (outSize - 1) * strides[i]! + effective[i]! - spatial[i]!);
      const small = Math.floor(total / 2);
      pads[i] = autoPad === 'SAME_UPPER' ? small : total - small;
      pads[i + k] = total - pads[i]!;
    }
  }
  return { kernel, strides, dilations, pads, out };
}

/**
 * Attributes of the ConvTranspose that maps an output gradient of this geometry back onto the input
 * sizes `spatial`: same strides, dilations and begin pads; output_padding for the stride remainder;
 * where a ceil-mode window overhangs the padded input, the extra rows are cropped by a larger end pad.
 */
function transposeGeometry(g: WindowGeometry, spatial: number[]): { pads: number[]; outputPadding: number[] } {
  const k = g.kernel.length;
  const pads = [...g.pads];
  const outputPadding = Array<number>(k).fill(0);
  // i < k: every list of g has an entry per axis (pads two), and spatial is the input the geometry was read over.
  for (let i = 0; i < k; i++) {
    const effective = (g.kernel[i]! - 1) * g.dilations[i]! + 1;
    const produced = g.strides[i]! * (g.out[i]! - 1) + effective - g.pads[i]! - g.pads[i + k]!;
    const missing = spatial[i]! - produced;
    if (missing >= 0) outputPadding[i] = missing;
    else pads[i + k] = g.pads[i + k]! - missing;
  }
  return { pads, outputPadding };
}

/**
 * The ConvTranspose of `dy` with `weight` ([C_out, C_in / group, ...kernel], Conv's layout) that maps the gradient
 * of a window op of geometry `g` back onto its input sizes `spatial` (pads and output_padding from
 * transposeGeometry): the input gradient of a Conv, or of an AveragePool with a ones kernel. Returns its output.
 */
export function transposedWindow(b: GraphBuilder, dy: string, weight: string, g: WindowGeometry, spatial: number[], group: number, hint: string): string {
  const { pads, outputPadding } = transposeGeometry(g, spatial);
  return b.node(
    'ConvTranspose',
    [dy, weight],
    [
      attr.ints('strides', g.strides),
      attr.ints('dilations', g.dilations),
      attr.ints('pads', pads),
      attr.ints('output_padding', outputPadding),
      attr.int('group', group),
      attr.ints('kernel_shape', g.kernel),
    ],
    hint,
  );
}
