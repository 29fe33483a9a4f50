import { didYouMean } from '@visor/core';
import type { DecodedWeight } from './decodeWeights.js';

/** A weight name without TF's output suffix (`conv1/kernel:0` → `conv1/kernel`). */
const normalize = (name: string): string => name.replace(/:\d+$/, '');

/**
 * The decoded weights by name, found the ways Keras and TF.js store them: `<path>/<layer>/<key>` for a
 * layer of a nested model, or `<layer>/<key>`, with or without a `:0` suffix.
 */
export class WeightIndex {
  private readonly byName = new Map<string, DecodedWeight>();

  constructor(weights: Map<string, DecodedWeight>) {
    for (const w of weights.values()) this.byName.set(normalize(w.name), w);
  }

  /**
   * The weight `key` of a layer (its flattened name and its name inside its own model), or undefined:
   * `<full name>/<key>`, `<name>/<key>`, the HDF5 group form `<name>/<name>/<key>`, or a unique
   * `<prefix>/<name>/<key>` whose prefix and the layer's model path end one another (never a weight of
   * a nested model for an outer layer of the same name).
   */
  find(fullName: string, localName: string, key: string): DecodedWeight | undefined {
    const direct = this.byName.get(`${fullName}/${key}`) ?? this.byName.get(`${localName}/${key}`) ?? this.byName.get(`${localName}/${localName}/${key}`);
    if (direct) return direct;
    const path = fullName.slice(0, fullName.length - localName.length).replace(/\/$/, '');
    if (path === '') return undefined;
    const suffix = `/${localName}/${key}`;
    const matches = [...this.byName.keys()].filter((n) => {
      if (!n.endsWith(suffix)) return false;
      const prefix = n.slice(0, n.length - suffix.length);
      return prefix.endsWith(path) || path.endsWith(prefix);
    });
    const [only] = matches;
    return only !== undefined && matches.length === 1 ? this.byName.get(only) : undefined;
  }

  /** The stored name closest to `wanted`, for error messages. */
  closest(wanted: string): string | undefined {
    return didYouMean(wanted, [...this.byName.keys()]);
  }

  get size(): number {
    return this.byName.size;
  }
}
