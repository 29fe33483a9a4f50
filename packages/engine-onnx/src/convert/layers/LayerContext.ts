import type { LayerInfo } from '@visor/core';
import type { DecodedWeight } from '../decodeWeights.js';
import type { GraphEmitter } from '../GraphEmitter.js';
import type { Value, Value4 } from '../Value.js';
import type { KerasConfig } from './KerasConfig.js';

/** What a layer converter gets: the graph, the layer's call, its config, its inputs and its weights. */
export interface LayerContext {
  e: GraphEmitter;
  /** The layer's (flattened) name: the tensor its output must be written to, and the key of its weights. */
  name: string;
  className: string;
  config: KerasConfig;
  inputs: Value[];
  /** 2 for TF.js / tf.keras topologies, 3 for Keras 3 (where a few defaults differ). */
  kerasMajor: number;
  /** Whether TF.js wrote the topology (TF.js computes a few layers differently from Keras). */
  fromTfjs: boolean;
  /** The layer's weight `key` (`kernel`, `bias`, `gamma`, …); a VisorError naming the layer when it is missing. */
  weight(key: string, shape?: number[]): DecodedWeight;
  /** Like `weight`, undefined when absent. */
  optionalWeight(key: string): DecodedWeight | undefined;
  /** The one input; a VisorError when the layer has several. */
  input(): Value;
  /** The one 4-D input (image-shaped); a VisorError naming the rank otherwise. */
  input4d(): Value4;
  /** A VisorError (code `model`) naming the file, the layer and its class. */
  fail(message: string, hint?: string): never;
}

/** What a layer converter produced. */
export interface LayerOutput {
  value: Value;
  kind: LayerInfo['kind'];
  /** The activation applied inside the layer (LayerInfo.activation). */
  activation?: string;
  /** The tensor before the layer's own activation, when it applies one (the logits of a dense softmax head). */
  preactivation?: string;
}

export type LayerConverter = (ctx: LayerContext) => LayerOutput;
