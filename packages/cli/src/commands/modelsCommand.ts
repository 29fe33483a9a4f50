import { findCamLayer, findGradCamLayer } from '@visor/plugin-cam';
import { loadModel, loadRegistry, type OutputActivation } from '@visor/core';
import { parseInputSize } from './explainConfig.js';
import { resolve } from 'node:path';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';

const shape = (s: (number | null)[]) => `[${s.map((d) => (d === null ? '?' : d)).join(', ')}]`;

/** `visor models <model>`: the layers with shapes, and which layer CAM and Grad-CAM would choose by themselves. */
export async function modelsCommand(path: string, flags: { backend: string; inputSize?: string; outputActivation?: string }, io: CliIO): Promise<number> {
  const registry = await loadRegistry([], io.cwd, builtinPlugins);
  const size = flags.inputSize === undefined ? undefined : parseInputSize(flags.inputSize);
  const { model, reason } = await loadModel(resolve(io.cwd, path), registry, {
    backend: flags.backend,
    ...(size ? { inputSize: size } : {}),
    outputActivation: (flags.outputActivation ?? 'auto') as OutputActivation,
  });
  try {
    let camLayer: string | undefined;
    let camNote: string;
    try {
      const head = findCamLayer(model);
      camLayer = head.featureLayer;
      camNote = `CAM: ${head.featureLayer} (head: ${head.description})`;
    } catch (e) {
      camNote = `CAM: not applicable (${(e as Error).message.split('\n')[0]})`;
    }
    let gradLayer: string | undefined;
    let gradNote: string;
    try {
      gradLayer = findGradCamLayer(model);
      gradNote = `Grad-CAM: ${gradLayer}`;
    } catch (e) {
      gradNote = `Grad-CAM: no 4-D layer found (${(e as Error).message.split('\n')[0]})`;
    }
    const layers = model.layers();
    const rows = layers.map((l) => [l.name, l.className, shape(l.outputShape), l.activation ?? '', l.inbound.join(', ')]);
    const head = ['layer', 'class', 'output shape', 'activation', 'inputs'];
    const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    const line = (r: string[]) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    const out = [
      `${model.source}: ${model.format} model on ${model.engine} (${reason}), input ${shape([...model.inputShape])}, ${model.numClasses} outputs, final activation ${model.finalActivation}`,
      '',
      line(head),
      ...rows.map((r) => {
        const marks = [r[0] === camLayer ? 'CAM' : '', r[0] === gradLayer ? 'Grad-CAM' : ''].filter(Boolean);
        return line(r) + (marks.length ? `   ← ${marks.join(', ')} (auto)` : '');
      }),
      '',
      camNote,
      gradNote,
      'Choose another layer with --layer <name> (or `layer:` in the method options).',
    ];
    io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}
