import type { Engine, EngineLoadOptions, ModelSource, VisorModel } from '@visor/core';
import type { TfjsArtifacts } from './convert/TfjsArtifacts.js';
import { describeOnnxModel } from './describe/describeOnnxModel.js';
import { modelError } from './modelError.js';
import { OnnxModel } from './OnnxModel.js';
import { convertTfjsModel } from './convert/convertTfjsModel.js';

/**
 * ONNX Runtime (onnxruntime-node, CPU) as a Visor engine: ONNX files, and TF.js / Keras models converted
 * to ONNX in memory (`convert/`). Under `backend: auto` it is tried first; a model the converter has no
 * mapping for is refused with the layer named, and auto falls back to the tfjs engine.
 */
export const onnxEngine: Engine = {
  id: 'onnx',
  description: 'ONNX Runtime (CPU: onnxruntime-node, onnxruntime-web in a page): forward passes and backward graphs built from per-op rules',
  backends: ['onnx'],
  priority: 0,
  accepts(source: ModelSource): boolean {
    return source.kind === 'onnx' || source.kind === 'tfjs-artifacts';
  },
  async load(source: ModelSource, options: EngineLoadOptions): Promise<VisorModel> {
    let spec;
    if (source.kind === 'onnx') {
      if (!(source.data instanceof Uint8Array))
        throw modelError(source.file, 'was read without its bytes', 'This is a bug in the format that read it; report it.');
      spec = await describeOnnxModel(source.data, source.file, { inputSize: options.inputSize });
    } else if (source.kind === 'tfjs-artifacts') {
      // The converter checks the artifacts itself and names what is missing.
      spec = convertTfjsModel(source.data as TfjsArtifacts, source.file);
    } else {
      throw modelError(
        source.file,
        `is a '${source.kind}' model, which the ONNX engine does not take`,
        'Use backend: auto or a tfjs backend (tensorflow, wasm, cpu).',
      );
    }
    return OnnxModel.create(spec, { source: source.file, format: source.format, threads: options.threads });
  },
};
