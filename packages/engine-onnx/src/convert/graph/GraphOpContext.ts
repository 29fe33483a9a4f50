import type { LayerInfo } from '@visor/core';
import type { GraphEmitter } from '../GraphEmitter.js';
import type { Value } from '../Value.js';
import type { TfAttrs } from './TfAttrs.js';
import type { TfNode } from './tfGraph.js';

/** A constant of the graph (a `Const` node's weight), as TF lays it out. */
export interface ConstData {
  data: Float32Array | Int32Array;
  shape: number[];
}

/** What an op converter gets: the graph, the node, its attributes and its inputs (tensors or constants). */
export interface GraphOpContext {
  e: GraphEmitter;
  node: TfNode;
  /** The node's name: the tensor its output must be written to. */
  name: string;
  attrs: TfAttrs;
  /** Number of data inputs. */
  arity: number;
  isConst(i: number): boolean;
  /** Input i as a constant; a VisorError when it is computed. */
  constant(i: number): ConstData;
  /** Input i as a list of integers (axes, shapes, paddings). */
  ints(i: number): number[];
  /** Input i as a graph tensor; a constant becomes a float initializer laid out to broadcast against `like`. */
  tensor(i: number, like?: Value): Value;
  /** Records a constant input as one of the node's weights (`OnnxModelSpec.weights`). */
  keep(c: ConstData): void;
  /** A VisorError (code `model`) naming the file, the node and its op. */
  fail(message: string, hint?: string): never;
}

export interface GraphOpOutput {
  value: Value;
  kind: LayerInfo['kind'];
  activation?: string;
  /** The tensor before the node's fused activation, when it has one. */
  preactivation?: string;
}

export type GraphOpConverter = (ctx: GraphOpContext) => GraphOpOutput;
