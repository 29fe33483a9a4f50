/** The model's scores for every input of a batch, computed once by the pipeline and shared. */
export interface Predictions {
  /** Per input, the pre-softmax score of every class. */
  logits: Float32Array[];
  /** Per input, the softmax probability of every class. */
  probabilities: Float32Array[];
}
