import type { TfjsArtifacts } from './convert/TfjsArtifacts.js';
import type { OnnxModelSpec } from './OnnxModelSpec.js';

/** What the TF.js → ONNX converter (`src/convert/`) provides: TF.js ModelArtifacts → an OnnxModelSpec. */
export type TfjsConverter = (artifacts: TfjsArtifacts, file: string) => OnnxModelSpec | Promise<OnnxModelSpec>;

// SEAM (for the lead): to let the ONNX engine take TF.js / Keras models, replace the declaration below with
//   export { convertTfjsModel as tfjsConverter } from './convert/convertTfjsModel.js';
// onnxEngine accepts `tfjs-artifacts` sources exactly when this is defined. (Checked on this branch:
// with that line, ResNet-50 / MobileNetV2 / VGG16 from the zoo give the same gradients as engine-tfjs cpu.)
export const tfjsConverter: TfjsConverter | undefined = undefined;
