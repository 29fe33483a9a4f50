import { findCamLayer, findGradCamLayer } from '@visor/plugin-cam';
import { VisorError, loadModel, loadRegistry } from '@visor/core';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { builtinPlugins } from '../builtinPlugins.js';
import type { CliIO } from '../CliIO.js';

/** `visor init --model m.json [--file visor.yaml] [--force]`: a commented starter config fitted to the model. */
export async function initCommand(flags: { model: string; file: string; force: boolean; inputs: string }, io: CliIO): Promise<number> {
  const target = resolve(io.cwd, flags.file);
  if (existsSync(target) && !flags.force) {
    throw new VisorError(`${flags.file} exists already.`, { code: 'usage', hint: 'Pass --force to overwrite it, or --file to write elsewhere.' });
  }
  const modelPath = resolve(io.cwd, flags.model);
  const registry = await loadRegistry([], io.cwd, builtinPlugins);
  const { model } = await loadModel(modelPath, registry);
  try {
    const rel = (p: string) => {
      const r = relative(dirname(target), p);
      return r.startsWith('.') ? r : `./${r}`;
    };
    let camLine: string;
    try {
      const head = findCamLayer(model);
      camLine = `  - cam                      # exact CAM on ${head.featureLayer} (head: ${head.description})`;
    } catch (e) {
      camLine = `  # - cam                    # not for this model: ${(e as Error).message.split('\n')[0]}`;
    }
    let gradLayer = '';
    try {
      gradLayer = findGradCamLayer(model);
    } catch {
      /* no 4-D layer: Grad-CAM is left commented below */
    }
    const [h, w, c] = model.inputShape;
    const text = `# Visor pipeline, written by \`visor init\`. Run it with: visor run ${relative(io.cwd, target)}
# Every key is documented in \`visor schema\`; plugin options in \`visor plugins\`.

# The model (${model.format}, on ${model.engine} here): input ${h ?? '?'}×${w ?? '?'}×${c}, ${model.numClasses} classes,
# final activation ${model.finalActivation}.
model: ${rel(modelPath)}
${
  model.finalActivation === 'linear'
    ? `
# The model ends without an activation, so its outputs are read as raw values (scores: logit only). If they are a
# classifier's logits (PyTorch exports usually are), say so, and probabilities (softmax / sigmoid) become available:
# outputActivation: softmax        # or sigmoid (multi-label)
`
    : ''
}
# auto = the fastest engine that loads the model (ONNX Runtime, else TensorFlow.js: tfjs-node, wasm, cpu);
# or one by name: onnx | tensorflow | wasm | cpu.
backend: auto

# How the model's training images were normalised (Keras preprocess_input):
# caffe | tf | torch | none | { scale: 0.00392, mean: [...], std: [...], channelOrder: rgb }
preprocess: none

# stretch | center-crop (keep the aspect ratio, crop the middle).
resize: stretch

# Files, folders and globs, relative to this file.
inputs:
  - ${flags.inputs}

# Explain the top k predicted classes, or given classes: { classes: [3, "tabby"] }.
targets: { top: 3 }

# labels: ./labels.json          # JSON array / {index: name} / one label per line; 'imagenet' for ImageNet models

explainers:
${camLine}
  - ${gradLayer ? `grad-cam                 # on ${gradLayer}; options: layer, score (logit|probability), relu, upsample, normalize` : '# grad-cam               # no 4-D layer found'}
  - occlusion: { patch: ${Math.max(2, Math.round((h ?? 64) / 8))}, stride: ${Math.max(1, Math.round((h ?? 64) / 16))} }   # fill, output (probability|drop), batchSize
  - guided-backprop          # rule: guided | deconvnet | backprop

renderers: [png, json, html]
out: ./out
`;
    const temp = `${target}.visor-tmp`;
    await writeFile(temp, text);
    await rename(temp, target);
    io.stdout.write(`wrote ${relative(io.cwd, target)}\n`);
    return 0;
  } finally {
    await model.dispose();
  }
}
