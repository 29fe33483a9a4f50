import type { GradientRewrite } from '@visor/core';
import type { onnx } from 'onnx-proto';
import type { GraphBuilder } from '../graph/GraphBuilder.js';

/**
 * What a vector-Jacobian rule gets for one forward node while the backward graph is built. Tensor
 * values are names in the graph under construction; rules emit ONNX nodes through `g` and return
 * names.
 */
export interface VjpContext {
  readonly node: onnx.INodeProto;
  /** The gradient arriving at each output of the node (null where none flows). */
  readonly dy: (string | null)[];
  /** Whether each input needs a gradient (it lies on the way back to `wrt`); only those are emitted. */
  readonly needs: boolean[];
  readonly g: GraphBuilder;
  /** TensorProto.DataType of the values differentiated (1 float32, 11 float64). */
  readonly elemType: number;
  /** The graph's default-domain opset as built (≥ 16). */
  readonly opset: number;
  /** The ReLU rewrite of this gradient, if any. */
  readonly rewrite?: GradientRewrite;
  /** The name of the forward node's input `index`; fails (naming the node) where the node has none there. */
  input(index: number): string;
  /** The name of the forward node's output `index`, as `input`. */
  output(index: number): string;
  /** The static shape of a forward tensor; null marks the batch axis. */
  shape(tensor: string): (number | null)[];
  /** A constant input's value (initializer or Constant node), if it is one. */
  constant(tensor: string): onnx.ITensorProto | undefined;
  /** A float constant of the differentiated type. */
  floats(values: number[], dims?: number[]): string;
  /** The name of the forward node's output `index`, adding that output to the node if the model does not compute it (MaxPool's Indices). */
  forwardOutput(index: number): string;
  /** Throws a VisorError naming the node, its op and the model. */
  fail(reason: string, hint?: string): never;
}

/**
 * The backward of one family of ONNX ops: given the output gradients, the input gradients (null for
 * inputs that do not need one). Only input gradients are ever built, never weight gradients.
 */
export interface VjpRule {
  /** ONNX op types of the default domain this rule differentiates. */
  readonly ops: readonly string[];
  vjp(ctx: VjpContext): (string | null)[];
}
