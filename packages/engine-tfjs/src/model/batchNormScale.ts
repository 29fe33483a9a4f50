import type { tf } from '../tf.js';

type Json = Record<string, unknown>;

/** Every layer config in a layers-model topology, nested models included. */
function* layerConfigs(node: unknown): Generator<Json> {
  if (Array.isArray(node)) for (const n of node) yield* layerConfigs(n);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.class_name === 'string' && o.config && typeof o.config === 'object') yield o;
    for (const v of Object.values(o)) if (v && typeof v === 'object') yield* layerConfigs(v);
  }
}

const concat = (data: ArrayBuffer | ArrayBuffer[] | undefined, extra: Float32Array): ArrayBuffer => {
  const parts = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const total = parts.reduce((n, p) => n + p.byteLength, 0) + extra.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  out.set(new Uint8Array(extra.buffer, extra.byteOffset, extra.byteLength), at);
  return out.buffer;
};

/**
 * Gives every BatchNormalization without a scale (`scale: false`) an explicit γ = 1, which computes
 * exactly the same. Works around tfjs 4.22: taking a gradient through `tf.batchNorm` without a scale
 * crashes (the FusedBatchNorm gradient saves its `scale` input, and the engine clones the missing
 * tensor: "Cannot read properties of undefined (reading 'dataId')"). Returns the artifacts unchanged
 * when no layer needs it; never changes the given object.
 */
export function withBatchNormScale(artifacts: tf.io.ModelArtifacts): tf.io.ModelArtifacts {
  if (artifacts.format === 'graph-model' || !artifacts.modelTopology) return artifacts;
  const topology = JSON.parse(JSON.stringify(artifacts.modelTopology)) as Json;
  const specs = [...(artifacts.weightSpecs ?? [])];
  const ones: number[] = [];
  for (const layer of layerConfigs(topology)) {
    const config = layer.config as Json;
    if (layer.class_name !== 'BatchNormalization' || config.scale !== false) continue;
    const name = String(config.name);
    const mean = specs.find((s) => s.name === `${name}/moving_mean` || s.name.endsWith(`/${name}/moving_mean`));
    if (!mean) continue; // tfjs will report the missing weights itself
    config.scale = true;
    specs.push({ name: mean.name.replace(/moving_mean$/, 'gamma'), shape: [...mean.shape], dtype: 'float32' });
    const n = mean.shape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < n; i++) ones.push(1);
  }
  if (ones.length === 0) return artifacts;
  return { ...artifacts, modelTopology: topology, weightSpecs: specs, weightData: concat(artifacts.weightData, Float32Array.from(ones)) };
}
