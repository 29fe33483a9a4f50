import type { H5Reader } from './H5Reader.js';
import type { LayerNode } from './translateConfig.js';
import { kerasError } from './kerasError.js';
import { UNOWNED, type StoredWeight } from './StoredWeight.js';

/** `conv1/kernel:0` → `kernel` (TensorFlow variable names end in the output slot). */
function shortName(stored: string): string {
  const last = stored.split('/').pop() ?? stored;
  return last.replace(/:\d+$/, '');
}

/** The leaf layers of a nested model, by name (a name used twice cannot be told apart: undefined). */
function leavesByName(node: LayerNode, out = new Map<string, LayerNode | undefined>(), prefix = ''): Map<string, LayerNode | undefined> {
  for (const c of node.children ?? []) {
    if (c.children) leavesByName(c, out, `${prefix}${c.name}/`);
    else out.set(c.name, out.has(c.name) ? undefined : c);
  }
  return out;
}

/**
 * The weights of a Keras 2 legacy HDF5 model file (keras `save_model_to_hdf5` /
 * `save_weights_to_hdf5_group`): group `<root>/<layer>` for each of model.layers (attribute `layer_names`),
 * attribute `weight_names` listing its weights, each a dataset at `<root>/<layer>/<weight name>`
 * (`conv1/kernel:0`). A nested model's group holds every inner weight, named `<inner layer>/<weight>:0`.
 * Keras 3 writes the same layout with variable paths (`conv1/kernel`, no `:0`; `kernel` for a depthwise kernel).
 */
export function legacyWeights(h5: H5Reader, root: string, model: LayerNode): StoredWeight[] {
  const byName = new Map((model.children ?? []).map((c) => [c.name, c]));
  const layerNames = h5.stringListAttr(root, 'layer_names') ?? h5.keys(root).filter((k) => k !== 'top_level_model_weights');
  const out: StoredWeight[] = [];
  for (const layerName of layerNames) {
    const group = root ? `${root}/${layerName}` : layerName;
    if (!h5.isGroup(group)) throw kerasError(h5.label, `layer_names lists '${layerName}', but the file has no group /${group}`);
    const names = h5.stringListAttr(group, 'weight_names') ?? [];
    if (names.length === 0) continue;
    const node = byName.get(layerName);
    for (const stored of names) {
      const h5Path = `${group}/${stored}`;
      if (!h5.isDataset(h5Path)) throw kerasError(h5.label, `layer '${layerName}' lists weight '${stored}', but the file has no dataset /${h5Path}`);
      const shape = h5.shape(h5Path);
      if (!node) {
        out.push({ name: UNOWNED + h5Path, h5Path, shape, layer: layerName });
        continue;
      }
      if (!node.children) {
        const short = shortName(stored);
        out.push({ name: `${layerName}/${node.rule?.aliases?.[short] ?? short}`, h5Path, shape, layer: layerName });
        continue;
      }
      // A nested model: the stored name ends in <inner layer>/<weight>, whatever prefix the variable had.
      const parts = stored.split('/');
      const inner = parts.at(-2) ?? '';
      const leaves = leavesByName(node);
      const leaf = leaves.get(inner);
      const short = shortName(stored);
      if (!leaf) {
        out.push({ name: UNOWNED + h5Path, h5Path, shape, layer: layerName });
        continue;
      }
      out.push({ name: `${inner}/${leaf.rule?.aliases?.[short] ?? short}`, h5Path, shape, layer: `${layerName}/${inner}` });
    }
  }
  const top = root ? `${root}/top_level_model_weights` : 'top_level_model_weights';
  const topNames = h5.isGroup(top) ? (h5.stringListAttr(top, 'weight_names') ?? []) : [];
  if (topNames.length) {
    throw kerasError(h5.label, `the model has weights of its own (${topNames.join(', ')}), not in any layer: a custom model Visor cannot rebuild`);
  }
  return out;
}
