/**
 * Static knowledge of a graph's tensors: element type and shape, where `null` marks the batch axis
 * (or a size that follows the batch). Every other dimension is a number: Visor pins spatial sizes
 * before it builds anything.
 */
export interface TensorInfo {
  /** onnxruntime's type name: `float32`, `float64`, `int64`, `bool`, … */
  type: string;
  dims: (number | null)[];
}

export type TensorShapes = Map<string, TensorInfo>;
