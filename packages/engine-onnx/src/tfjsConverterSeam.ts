import type { OnnxModelSpec } from './OnnxModelSpec.js';

/** What the TF.js → ONNX converter (`src/convert/`) provides: a TF.js ModelArtifacts-shaped object → an OnnxModelSpec. */
export type TfjsConverter = (artifacts: unknown, file: string) => OnnxModelSpec | Promise<OnnxModelSpec>;

// SEAM (for the lead, when src/convert/ is merged): replace the declaration below with
//   export { convertTfjsModel as tfjsConverter } from './convert/index.js';
// onnxEngine accepts `tfjs-artifacts` sources exactly when this is defined.
export const tfjsConverter: TfjsConverter | undefined = undefined;
