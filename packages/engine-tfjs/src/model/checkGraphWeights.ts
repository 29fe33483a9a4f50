import type { tf } from '../tf.js';
import { VisorError } from '@visor/core';

interface GraphDefNode {
  name?: string;
  op?: string;
  attr?: { value?: { tensor?: { tensorShape?: { dim?: { size?: string | number }[] }; tensorContent?: unknown } & Record<string, unknown> } };
}

/**
 * Checks a graph-model's weightsManifest against its GraphDef: every `Const` node without an inline
 * value has a manifest entry, of the node's declared shape. Throws a VisorError (code 'model')
 * naming the file, the node and both shapes.
 */
export function checkGraphWeights(file: string, topology: unknown, specs: tf.io.WeightsManifestEntry[]): void {
  const nodes = ((topology as { node?: GraphDefNode[] })?.node ?? []).filter((n) => n.op === 'Const');
  const byName = new Map(specs.map((s) => [s.name, s]));
  const missing: string[] = [];
  for (const n of nodes) {
    const name = n.name ?? '';
    const tensor = n.attr?.value?.tensor;
    const spec = byName.get(name);
    if (!spec) {
      const inline = tensor && Object.keys(tensor).some((k) => k === 'tensorContent' || k.endsWith('Val'));
      if (!inline) missing.push(name);
      continue;
    }
    const dims = tensor?.tensorShape?.dim;
    if (dims) {
      const declared = dims.map((d) => Number(d.size ?? 0));
      if (declared.length !== spec.shape.length || declared.some((d, i) => d !== spec.shape[i])) {
        throw new VisorError(
          `${file}: weight "${name}" has shape [${spec.shape.join(', ')}] in weightsManifest but its Const node declares [${declared.join(', ')}]`,
          { code: 'model', file, hint: 'the weightsManifest does not match the graph; re-convert the model' },
        );
      }
    }
  }
  if (missing.length > 0) {
    throw new VisorError(
      `${file}: ${missing.length} Const node(s) of the graph have no entry in weightsManifest: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      { code: 'model', file, hint: 'the weightsManifest does not match the graph; re-convert the model' },
    );
  }
}
