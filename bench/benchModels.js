import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
/** Git-ignored: the torchvision exports and the saved zoo models. */
export const MODELS_DIR = join(here, 'models');
export const PYTHON = '/usr/bin/python3';

/**
 * The models, and how each engine gets them:
 * - `onnx`: the torchvision model exported to ONNX (bench/export_torchvision.py, random weights), on
 *   ONNX Runtime — the same network PyTorch runs;
 * - `onnx-tfjs`: the TF.js model (the zoo's Keras-style ResNet, seeded random weights, or the demo
 *   model) converted to ONNX in memory by engine-onnx, on ONNX Runtime;
 * - `wasm`: the same TF.js model on tfjs's wasm backend;
 * - `pytorch`: torchvision's model in bench/torch_bench.py.
 * Every engine loads its model through core's `loadModel` with the engine plugins, as the CLI does.
 */
export const MODELS = {
  demo: {
    label: 'demo CNN (examples/demo/models/clean, 64×64, 6 classes)',
    size: 64,
    tfjs: () => join(repo, 'examples/demo/models/clean/model.json'),
    engines: ['onnx-tfjs', 'wasm'],
  },
  resnet50: {
    label: 'ResNet-50, 224×224, 1000 classes, random weights',
    size: 224,
    torchArch: 'resnet50',
    zoo: { builder: 'resnet50', seed: 50 },
    tfjs: () => join(MODELS_DIR, 'resnet50', 'model.json'),
    onnx: () => join(MODELS_DIR, 'resnet50.onnx'),
    engines: ['onnx', 'onnx-tfjs', 'wasm', 'pytorch'],
  },
  resnet152: {
    label: 'ResNet-152, 224×224, 1000 classes, random weights',
    size: 224,
    torchArch: 'resnet152',
    zoo: { builder: 'resnet152', seed: 152 },
    tfjs: () => join(MODELS_DIR, 'resnet152', 'model.json'),
    onnx: () => join(MODELS_DIR, 'resnet152.onnx'),
    engines: ['onnx', 'onnx-tfjs', 'wasm', 'pytorch'],
  },
};

export const ENGINES = {
  onnx: { label: 'onnx (torchvision .onnx)', backend: 'onnx' },
  'onnx-tfjs': { label: 'onnx (TF.js → ONNX)', backend: 'onnx' },
  wasm: { label: 'tfjs wasm', backend: 'wasm' },
  pytorch: { label: 'PyTorch CPU' },
};

/** Whether Debian's python3 has torch and torchvision; the reason when not. */
export function torchAvailable() {
  if (!existsSync(PYTHON)) return { ok: false, why: `${PYTHON} not found` };
  const r = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, why: `${PYTHON} -c "import torch, torchvision" failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  return { ok: true };
}

/**
 * The torchvision ONNX export of `arch`, written by bench/export_torchvision.py the first time
 * (needs torch). Returns the path, or `{ skip }` saying why it cannot be made.
 */
export function ensureOnnxExport(name, log) {
  const model = MODELS[name];
  const file = model.onnx();
  if (existsSync(file)) return { path: file };
  const torch = torchAvailable();
  if (!torch.ok) return { skip: `no ${file} and no PyTorch to export it (${torch.why})` };
  log(`exporting torchvision ${model.torchArch} to ${file} (once; about a minute)`);
  mkdirSync(MODELS_DIR, { recursive: true });
  const r = spawnSync(PYTHON, [join(here, 'export_torchvision.py'), model.torchArch, '--out', MODELS_DIR], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(file)) return { skip: `export_torchvision.py ${model.torchArch} failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  return { path: file };
}

/**
 * The zoo's TF.js ResNet with seeded random weights, saved once to bench/models/<name>/ (the folder
 * bench/web.js uses too). Imports tfjs, so call it in a child process.
 */
export async function ensureZooModel(name) {
  const model = MODELS[name];
  const file = model.tfjs();
  if (!model.zoo || existsSync(file)) return file;
  const tfjs = await import('@visor/engine-tfjs');
  await tfjs.selectBackend('wasm');
  const m = tfjs[model.zoo.builder]({ seed: model.zoo.seed });
  await tfjs.saveLayersModel(m, dirname(file));
  m.dispose();
  return file;
}
