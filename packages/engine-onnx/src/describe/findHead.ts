import type { GraphIndex } from '../proto/GraphIndex.js';

export interface Head {
  /** The model's output tensor. */
  output: string;
  /** The pre-activation of the output (the output itself for a linear head). */
  logits: string;
  finalActivation: 'softmax' | 'sigmoid' | 'linear';
}

/**
 * The head of a classifier: its output is the graph's first output; a final Softmax or Sigmoid
 * makes its input the logits (a LogSoftmax head is `linear`: its outputs are log-probabilities).
 */
export function findHead(index: GraphIndex): Head {
  const output = index.graph.output?.[0]?.name ?? '';
  const node = index.producer(output)?.node;
  if (node?.opType === 'Softmax' && node.input?.[0]) return { output, logits: node.input[0], finalActivation: 'softmax' };
  if (node?.opType === 'Sigmoid' && node.input?.[0]) return { output, logits: node.input[0], finalActivation: 'sigmoid' };
  return { output, logits: output, finalActivation: 'linear' };
}
