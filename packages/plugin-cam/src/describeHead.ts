import type { LayerInfo } from '@visor/core';

/** "flatten_1 (Flatten) → fc1 (Dense) → predictions (Dense)". */
export function describeHead(layers: LayerInfo[]): string {
  if (layers.length === 0) return '(no layers after the last feature map)';
  return layers.map((l) => `${l.name} (${l.className})`).join(' → ');
}
