import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ModelFormat, ModelSource } from '@visor/core';
import { modelError } from './modelError.js';
import { decodeModel } from './proto/decodeModel.js';

/** Field tags that may follow ModelProto's ir_version (field 1): fields 2–8 and 14, 20 (producer, domain, version, doc, graph, opsets, metadata, functions). */
const NEXT_FIELD_TAGS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72, 0xa2]);

/**
 * Whether bytes start like an ONNX ModelProto as exporters write it: field 1 (ir_version, a small
 * varint) first, then one of the ModelProto's other fields.
 */
export function looksLikeOnnx(head: Uint8Array): boolean {
  const [tag, irVersion = 0, next = 0] = head;
  return tag === 0x08 && irVersion >= 1 && irVersion <= 30 && NEXT_FIELD_TAGS.has(next);
}

/** ONNX model files: `.onnx`, or a file whose first bytes are an ONNX ModelProto. Reads the bytes and checks they decode. */
export const onnxFormat: ModelFormat = {
  id: 'onnx',
  description: 'ONNX models (.onnx), e.g. from torch.onnx.export or tf2onnx',
  detect(file: string, head: Uint8Array): boolean {
    return file.toLowerCase().endsWith('.onnx') || looksLikeOnnx(head);
  },
  async read(file: string): Promise<ModelSource> {
    const path = resolve(file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      throw modelError(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'Check the path given as model:.', e);
    }
    decodeModel(bytes, path);
    return { file: path, format: 'onnx', kind: 'onnx', data: bytes };
  },
};
