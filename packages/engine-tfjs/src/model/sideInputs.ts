import type { TfjsNet } from './TfjsNet.js';

/**
 * The layers that do not depend on `layer` but feed layers that do (e.g. the shortcut branch joining
 * a residual block after the layer). Their outputs are constants with respect to the layer's
 * activations, so a method that re-runs the model from the layer (with an override) can pass them as
 * overrides too, and the part of the graph before the layer is not recomputed. The model input is
 * never listed (it is given anyway).
 */
export function sideInputs(model: TfjsNet, layer: string): string[] {
  const layers = model.layers();
  const downstream = new Set<string>([layer]);
  // layers() is in topological order: one pass finds every layer that depends on `layer`.
  for (const l of layers) if (l.inbound.some((i) => downstream.has(i))) downstream.add(l.name);
  const kinds = new Map(layers.map((l) => [l.name, l.className]));
  const side = new Set<string>();
  for (const l of layers) {
    if (l.name === layer || !downstream.has(l.name)) continue;
    for (const i of l.inbound) {
      const kind = kinds.get(i);
      if (!downstream.has(i) && kind !== 'InputLayer' && kind !== 'Placeholder') side.add(i);
    }
  }
  return [...side];
}
