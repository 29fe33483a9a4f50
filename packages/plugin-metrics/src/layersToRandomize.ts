import { didYouMean, VisorError, type LayerInfo, type VisorModel } from '@visor/core';

/** Which layers the model-randomisation check randomises: all with weights, the last n, or the named ones. */
export type LayerSelection = 'all' | number | string[];

const WEIGHTED_KINDS = new Set(['conv', 'dense', 'bias', 'normalization']);

/** True for a layer with trainable weights of its own (a nested model's weights are its layers'). */
export function hasWeights(layer: LayerInfo): boolean {
  if (layer.kind === 'model' || layer.kind === 'input') return false;
  return layer.params !== undefined ? layer.params > 0 : WEIGHTED_KINDS.has(layer.kind);
}

/**
 * The layers to randomise, in cascade order: from the output towards the input (the reverse of
 * `layers()`'s topological order), as Adebayo et al. 2018 randomise from the logits down.
 * `all`: every layer with weights; n: the n nearest the output; names: those layers (each must have
 * weights), put in cascade order.
 */
export function layersToRandomize(model: VisorModel, selection: LayerSelection): string[] {
  const cascade = model
    .layers()
    .filter(hasWeights)
    .map((l) => l.name)
    .reverse();
  if (cascade.length === 0) {
    throw new VisorError(`sanity-model: the model ${model.source} has no layer with weights to randomise`, { code: 'config', file: model.source });
  }
  if (selection === 'all') return cascade;
  if (typeof selection === 'number') return cascade.slice(0, selection);
  for (const name of selection) {
    if (cascade.includes(name)) continue;
    const exists = model.layers().some((l) => l.name === name);
    const guess = didYouMean(name, cascade);
    throw new VisorError(
      exists ? `sanity-model: layer '${name}' of ${model.source} has no weights to randomise` : `sanity-model: ${model.source} has no layer '${name}'`,
      {
        code: 'config',
        file: model.source,
        hint: guess ? `Did you mean '${guess}'?` : `Layers with weights, from the output: ${cascade.slice(0, 8).join(', ')}${cascade.length > 8 ? ', …' : ''}.`,
      },
    );
  }
  return cascade.filter((name) => selection.includes(name));
}
