import type { onnx } from 'onnx-proto';
import { modelError } from '../modelError.js';
import { proto } from './onnxProto.js';

const REEXPORT = 'Re-export the model (torch.onnx.export, tf2onnx, or onnx.save) and check that the file was copied completely.';

const decoded = new WeakMap<Uint8Array, onnx.ModelProto>();

/**
 * Decodes the bytes of an ONNX file into a ModelProto, once per byte array (the format checks the
 * file when it reads it, the engine describes it after). A truncated or corrupt file, or one that
 * is not an ONNX model, is a VisorError (code `model`) naming the file and saying to re-export it.
 */
export function decodeModel(bytes: Uint8Array, file: string): onnx.ModelProto {
  const cached = decoded.get(bytes);
  if (cached) return cached;
  let model: onnx.ModelProto;
  try {
    model = proto.ModelProto.decode(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw modelError(file, `is not a readable ONNX model (the protobuf does not decode: ${why}); the file is truncated or corrupt`, REEXPORT, e);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) {
    throw modelError(file, 'is not an ONNX model: it holds no graph (or the file is truncated)', REEXPORT);
  }
  if ((model.opsetImport ?? []).length === 0) {
    throw modelError(
      file,
      'is incomplete: it declares no operator set (opset_import), so the file is truncated or was not written by an ONNX exporter',
      REEXPORT,
    );
  }
  decoded.set(bytes, model);
  return model;
}
