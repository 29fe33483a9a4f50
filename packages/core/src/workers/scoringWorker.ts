/**
 * Entry of a Visor worker thread (run from the built `dist/workers/scoringWorker.js`).
 * Started with a WorkerInit as `workerData`: loads the plugins (engines included) and the model ONCE,
 * on the main thread's backend, then answers tasks one at a time:
 *  - `score`   { data, n, kind } → the [n, K] class scores of the batch (Float32Array, transferred);
 *  - `explain` ExplainPayload → Explanation[] of one explainer on one batch (map buffers transferred);
 *  - `__test`  crash/echo hooks for the pool's tests (only when `testHooks` is set).
 */
import 'reflect-metadata';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { Explainer } from '../contracts/Explainer.js';
import type { ScoreKind } from '../contracts/ScoreKind.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError } from '../errors/VisorError.js';
import { loadModel } from '../model/loadModel.js';
import { loadPlugin } from '../plugins/loadPlugin.js';
import { Registry } from '../plugins/Registry.js';
import type { ExplainPayload } from './ExplainPayload.js';
import { transferablesOf } from './transferablesOf.js';
import { toWireError, type FromWorker, type ToWorker, type WorkerInit } from './workerProtocol.js';

interface Loaded {
  model: VisorModel;
  explainers: Map<string, Explainer<any>>;
  labels: string[];
}

const port = parentPort;
if (!port) throw new Error('scoringWorker.js is a worker_threads entry; start it with new Worker(...)');
const init = workerData as WorkerInit;
const aborts = new Map<number, AbortController>();

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function start(): Promise<Loaded> {
  const plugins = [];
  for (const { spec, baseDir } of init.plugins ?? []) plugins.push(await loadPlugin(spec, baseDir));
  const registry = new Registry(plugins);
  const { model } = await loadModel(init.modelPath, registry, {
    backend: init.backend,
    ...(init.outputActivation !== undefined ? { outputActivation: init.outputActivation } : {}),
    ...(init.threads !== undefined ? { threads: init.threads } : {}),
    ...(init.inputSize !== undefined ? { inputSize: init.inputSize } : {}),
  });
  send({ type: 'ready', backend: model.engine });
  return { model, explainers: registry.explainers(), labels: init.labels ?? [] };
}

async function score(loaded: Loaded, payload: { data: Float32Array; n: number; kind: ScoreKind }): Promise<[Float32Array, ArrayBuffer[]]> {
  const { model } = loaded;
  const { data, n, kind } = payload;
  const [H, W, C] = model.inputShape;
  if (H === null || W === null) {
    throw new VisorError(`${model.source}: parallel scoring needs a model with a fixed input size, this one takes [${model.inputShape.join(', ')}]`, {
      code: 'run',
    });
  }
  if (kind !== 'logit' && kind !== 'probability') throw new VisorError(`score kind "${String(kind)}" is not one of logit, probability`, { code: 'run' });
  if (!(data instanceof Float32Array) || !Number.isInteger(n) || n < 1 || data.length !== n * H * W * C) {
    throw new VisorError(
      `score: a batch of ${n} inputs of ${H}×${W}×${C} needs a Float32Array of ${n * H * W * C} values, got ${data?.length ?? typeof data}`,
      { code: 'run' },
    );
  }
  const output = kind === 'logit' ? 'logits' : 'probabilities';
  const [scores] = await model.run({ data, shape: [n, H, W, C] }, [output]);
  const out = scores.data.slice(); // our own buffer: never transfer memory an engine may own
  return [out, [out.buffer as ArrayBuffer]];
}

async function explain(loaded: Loaded, id: number, payload: ExplainPayload): Promise<[unknown, ArrayBuffer[]]> {
  const explainer = loaded.explainers.get(payload.explainer);
  if (!explainer) {
    const known = [...loaded.explainers.keys()].join(', ') || 'none (no plugins were given to the worker pool)';
    throw new VisorError(`explain: no explainer "${payload.explainer}" in this worker; loaded: ${known}`, { code: 'run' });
  }
  const controller = new AbortController();
  aborts.set(id, controller);
  try {
    const explanations = await explainer.explain({
      model: loaded.model,
      input: { data: payload.input, shape: [...payload.shape] },
      targets: payload.targets,
      predictions: payload.predictions,
      options: payload.options,
      backend: loaded.model.engine,
      label: (i: number) => loaded.labels[i] ?? `class ${i}`,
      progress: (event) => send({ type: 'progress', id, event }),
      signal: controller.signal,
    });
    return [explanations, transferablesOf(explanations)];
  } finally {
    aborts.delete(id);
  }
}

/** Test hooks: `exit` ends the thread with code 3, `throw` raises an uncaught exception, `crash-once` crashes only the first time
 * the shared counter is seen (then echoes), `echo` returns the payload's value and the thread id, `tensors` the worker's
 * tf.memory().numTensors, `fail` rejects the task normally. */
async function testHook(payload: { mode: string; value?: unknown; counter?: SharedArrayBuffer; delayMs?: number }): Promise<[unknown, ArrayBuffer[]]> {
  if (payload.delayMs) await new Promise((r) => setTimeout(r, payload.delayMs));
  const crash = (): never => {
    if (payload.mode === 'throw') {
      setImmediate(() => {
        throw new Error('test hook: uncaught exception in the worker');
      });
      return new Promise<never>(() => undefined) as never;
    }
    process.exit(3);
  };
  switch (payload.mode) {
    case 'exit':
    case 'throw':
      return crash();
    case 'crash-once': {
      const seen = Atomics.add(new Int32Array(payload.counter!), 0, 1);
      if (seen === 0) {
        process.exit(3);
      }
      return [{ value: payload.value, threadId }, []];
    }
    case 'echo':
      return [{ value: payload.value, threadId }, []];
    case 'tensors':
      return [(await loading).model.memory().tensors, []];
    case 'fail':
      throw new VisorError(`test hook: task failed on purpose (${String(payload.value)})`, { code: 'run' });
    default:
      throw new Error(`test hook: unknown mode ${payload.mode}`);
  }
}

const loading = start();
loading.catch((e) => {
  send({ type: 'init-error', error: toWireError(e) });
  // Nothing else to do: let the pool terminate this thread.
});

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    aborts.get(message.id)?.abort(new Error('aborted by the caller'));
    return;
  }
  const { id, kind, payload } = message;
  void (async () => {
    try {
      const loaded = await loading;
      let out: [unknown, ArrayBuffer[]];
      if (kind === 'score') out = await score(loaded, payload as { data: Float32Array; n: number; kind: ScoreKind });
      else if (kind === 'explain') out = await explain(loaded, id, payload as ExplainPayload);
      else if (kind === '__test' && init.testHooks) out = await testHook(payload as { mode: string });
      else throw new VisorError(`worker: unknown task kind "${kind}"`, { code: 'run' });
      send({ type: 'done', id, result: out[0] }, out[1]);
    } catch (e) {
      send({ type: 'failed', id, error: toWireError(e) });
    }
  })();
});
