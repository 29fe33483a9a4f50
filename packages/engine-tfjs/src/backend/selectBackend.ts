import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { VisorError } from '@visor/core';
import { tf } from '../tf.js';
import type { BackendChoice } from './BackendChoice.js';
import { registerWasmKernels } from './registerWasmKernels.js';

const CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];
const TFJS_NODE = '@tensorflow/tfjs-node';

type Attempt = { ok: true; note: string } | { ok: false; why: string; cause?: unknown };

/** The backend `selectBackend` made active, and why (shown in the run report and `--verbose` output). */
export interface BackendSelection {
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** One line, e.g. "auto: tfjs-node not installed; wasm ready". */
  reason: string;
}

/** Seams for `selectBackend`; production code passes nothing. */
export interface SelectBackendOptions {
  /**
   * Loads `@tensorflow/tfjs-node` (which registers the 'tensorflow' backend as a side effect).
   * Defaults to a dynamic `import()`; tests inject a fake because tfjs-node is not installed here.
   */
  importTfjsNode?: () => Promise<unknown>;
}

/** Calls run one after another: two concurrent selections must not interleave `tf.setBackend`. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes a TF.js backend active and says which and why.
 *  - 'auto': tfjs-node if it can be imported (optional peer dependency), else wasm, else cpu.
 *  - 'tensorflow' | 'wasm' | 'cpu': exactly that one, or a VisorError saying how to get it.
 * wasm loads its binaries from the installed package's dist folder (no network) and gets Visor's
 * gradient kernels (`registerWasmKernels`). Safe to call any number of times.
 */
export function selectBackend(choice: BackendChoice = 'auto', options: SelectBackendOptions = {}): Promise<BackendSelection> {
  const run = queue.then(() => select(choice, options));
  queue = run.catch(() => undefined);
  return run;
}

async function select(choice: BackendChoice, options: SelectBackendOptions): Promise<BackendSelection> {
  if (!CHOICES.includes(choice)) {
    throw new VisorError(`backend: "${String(choice)}" is not a backend; expected one of ${CHOICES.join(', ')}.`, {
      code: 'usage',
      hint: 'Use backend: auto unless you need a specific one.',
    });
  }
  if (choice === 'cpu') {
    await activate('cpu');
    return { name: 'cpu', reason: 'cpu requested explicitly' };
  }
  if (choice === 'tensorflow') {
    const tfNode = await tryTensorflow(options);
    if (tfNode.ok) return { name: 'tensorflow', reason: `tensorflow requested explicitly; ${tfNode.note}` };
    const install = `npm install ${TFJS_NODE}@${tf.version_core}`;
    throw new VisorError(
      `backend: "tensorflow" needs ${TFJS_NODE}, which is not usable here: ${tfNode.why}. ` +
        `Install it with \`${install}\` (its version must match @tensorflow/tfjs ${tf.version_core}), ` +
        'or choose backend: auto, wasm or cpu.',
      { code: 'usage', hint: install, cause: tfNode.cause },
    );
  }
  if (choice === 'wasm') {
    const wasm = await tryWasm();
    if (wasm.ok) return { name: 'wasm', reason: `wasm requested explicitly; ${wasm.note}` };
    throw new VisorError(`backend: "wasm" could not start: ${wasm.why}.`, {
      code: 'run',
      hint: 'Reinstall @tensorflow/tfjs-backend-wasm, or choose backend: cpu.',
      cause: wasm.cause,
    });
  }
  // auto
  const tfNode = await tryTensorflow(options);
  if (tfNode.ok) return { name: 'tensorflow', reason: `auto: ${tfNode.note}` };
  const wasm = await tryWasm();
  if (wasm.ok) return { name: 'wasm', reason: `auto: ${tfNode.why}; ${wasm.note}` };
  await activate('cpu');
  return { name: 'cpu', reason: `auto: ${tfNode.why}; ${wasm.why}; using cpu (about 40x slower than wasm)` };
}

async function tryTensorflow(options: SelectBackendOptions): Promise<Attempt> {
  if (tf.engine().registryFactory['tensorflow'] === undefined) {
    try {
      await (options.importTfjsNode ?? importTfjsNode)();
    } catch (e) {
      return { ok: false, why: isNotFound(e) ? 'tfjs-node not installed' : `tfjs-node failed to load (${message(e)})`, cause: e };
    }
    if (tf.engine().registryFactory['tensorflow'] === undefined) {
      return {
        ok: false,
        why: "tfjs-node loaded but registered no 'tensorflow' backend with Visor's @tensorflow/tfjs (two tfjs copies or versions?)",
      };
    }
  }
  try {
    if (await tf.setBackend('tensorflow')) return { ok: true, note: 'tfjs-node ready' };
    return { ok: false, why: "tfjs-node's 'tensorflow' backend failed to initialise" };
  } catch (e) {
    return { ok: false, why: `tfjs-node's 'tensorflow' backend failed to initialise (${message(e)})`, cause: e };
  }
}

async function importTfjsNode(): Promise<unknown> {
  // Resolve first: a missing package then fails the same way under Node and under vite/vitest.
  createRequire(import.meta.url).resolve(TFJS_NODE);
  const specifier: string = TFJS_NODE; // a variable, so bundlers and tsc leave the optional import alone
  return import(/* @vite-ignore */ specifier);
}

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}

let wasmPathsSet = false;

async function tryWasm(): Promise<Attempt> {
  try {
    // setWasmPaths must precede the backend's first initialisation; later calls would be ignored.
    if (!wasmPathsSet && tf.engine().registry['wasm'] === undefined) {
      setWasmPaths(wasmBinaryFolder());
      wasmPathsSet = true;
    }
    const added = registerWasmKernels();
    if (!(await tf.setBackend('wasm'))) return { ok: false, why: 'wasm failed to initialise' };
    const kernels = added.length > 0 ? `; registered ${added.join(', ')}` : '';
    return { ok: true, note: `wasm ready${kernels}` };
  } catch (e) {
    return { ok: false, why: `wasm failed to initialise (${message(e)})`, cause: e };
  }
}

async function activate(name: 'cpu'): Promise<void> {
  if (!(await tf.setBackend(name))) {
    throw new VisorError(`backend: "${name}" failed to initialise.`, { code: 'run' });
  }
  // tfjs-backend-cpu prints a banner ("install our node backend") on its first tensor; Visor reports the
  // backend and why it was chosen itself, so the banner would only repeat that in every CLI run.
  const backend = tf.backend() as { firstUse?: boolean };
  if (backend.firstUse === true) backend.firstUse = false;
}

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String(e.message);
  return String(e);
}

/**
 * The folder holding `tfjs-backend-wasm*.wasm`: the installed package's own `dist/`, so the binaries
 * are read from disk (no network, no bundler copy step). Ends with a path separator, as
 * `setWasmPaths` expects a prefix.
 */
function wasmBinaryFolder(): string {
  const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(main) + path.sep;
}
