import type { H5Reader } from './H5Reader.js';
import type { LayerNode } from './translateConfig.js';
import { kerasError } from './kerasError.js';
import { UNOWNED, type StoredWeight } from './StoredWeight.js';

/** keras/src/utils/naming.py `to_snake_case`: `Conv2D` → `conv2d`, `BatchNormalization` → `batch_normalization`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The numbered datasets of a `vars` group, in order (`0`, `1`, …, `10`). */
function varKeys(h5: H5Reader, group: string): string[] {
  return h5
    .keys(group)
    .filter((k) => h5.isDataset(`${group}/${k}`))
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}

/** Every dataset below a group. */
function datasetsUnder(h5: H5Reader, group: string, out: string[] = []): string[] {
  for (const k of h5.keys(group)) {
    const p = `${group}/${k}`;
    if (h5.isGroup(p)) datasetsUnder(h5, p, out);
    else out.push(p);
  }
  return out;
}

/**
 * The weights of a Keras 3 `model.weights.h5` (keras/src/saving/saving_lib.py `_save_state` and
 * `_save_container_state`): a model's `layers` list is saved under `<path>/layers/<name>`, where `<name>` is
 * the layer's class in snake case, `_1`, `_2`, … for its later repeats in the same list (never the layer's
 * own name); each layer's variables are `<its path>/vars/0`, `vars/1`, … in the order
 * `_trainable_variables + _non_trainable_variables`. Nested models repeat the pattern below their path.
 * The variables have no names, so they are named by the layer class's weight order (`LayerRule.weights`).
 * Since Keras 3.10 each `vars` group carries the layer's name as attribute `name`; it is checked when present.
 * Keras 2.13's `.keras` files use `_layer_checkpoint_dependencies` where Keras 3 writes `layers` (the same
 * substitution Keras 3's H5IOStore makes to read them).
 */
export function keras3Weights(h5: H5Reader, model: LayerNode): StoredWeight[] {
  const containerKey = h5.isGroup('layers') || !h5.isGroup('_layer_checkpoint_dependencies') ? 'layers' : '_layer_checkpoint_dependencies';
  const out: StoredWeight[] = [];
  const claimed = new Set<string>();

  const walk = (node: LayerNode, path: string, layerPath: string[]) => {
    const used = new Map<string, number>();
    for (const child of node.children ?? []) {
      let key = toSnakeCase(child.kerasClass);
      const n = used.get(key);
      used.set(key, n === undefined ? 0 : n + 1);
      if (n !== undefined) key = `${key}_${n + 1}`;
      const childPath = path ? `${path}/${containerKey}/${key}` : `${containerKey}/${key}`;
      const lp = [...layerPath, child.name];
      const vars = `${childPath}/vars`;
      const savedName = h5.isGroup(vars) ? h5.stringAttr(vars, 'name') : undefined;
      if (savedName !== undefined && savedName !== child.name) {
        throw kerasError(
          h5.label,
          `/${vars} belongs to layer '${savedName}', but the config's layer order puts '${lp.join('/')}' (${child.kerasClass}) there: the weights do not match the config`,
        );
      }
      if (child.children) {
        walk(child, childPath, lp);
        continue;
      }
      const names = child.rule?.weights?.(child.config) ?? [];
      for (const k of varKeys(h5, vars)) {
        const h5Path = `${vars}/${k}`;
        const i = Number(k);
        const wname = Number.isInteger(i) ? names[i] : undefined;
        out.push({ name: wname === undefined ? UNOWNED + h5Path : `${child.name}/${wname}`, h5Path, shape: h5.shape(h5Path), layer: lp.join('/') });
        claimed.add(h5Path);
      }
    }
  };
  walk(model, '', []);

  // Datasets under layers/ that no layer of the config accounts for: extra weights.
  if (h5.isGroup(containerKey)) {
    for (const p of datasetsUnder(h5, containerKey)) {
      if (!claimed.has(p)) out.push({ name: UNOWNED + p, h5Path: p, shape: h5.shape(p), layer: p.split('/').slice(0, -2).join('/') });
    }
  }
  return out;
}
