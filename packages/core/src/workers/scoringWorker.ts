/**
 * The task handler of a Visor worker thread (run by piscina from the built `dist/workers/scoringWorker.js`).
 * Started with a WorkerInit as `workerData`: on import it loads the plugins (engines included) and the
 * model ONCE, on the main thread's backend, and tells the pool (`ready` / `init-error` on parentPort). The
 * default export runs one task at a time:
 *  - `score`   { data, n, kind } → the [n, K] class scores of the batch (Float32Array, transferred);
 *  - `explain` ExplainPayload → Explanation[] of one explainer on one batch (map buffers transferred);
 *  - `__test`  crash/echo hooks for the pool's tests (only when `testHooks` is set).
 * A task's own failure is returned as `{ ok: false, error }`, never thrown: piscina rejects a task only
 * when its thread dies, which is how the pool tells a crash from a failure.
 */
import 'reflect-metadata';
import { parentPort, receiveMessageOnPort, threadId, workerData, type MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Explainer } from '../contracts/Explainer.js';
import type { ScoreKind } from '../contracts/ScoreKind.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError, type VisorErrorCode } from '../errors/VisorError.js';
import { abortedError } from '../methods/abortedError.js';
import { loadModel } from '../model/loadModel.js';
import { loadPlugin } from '../plugins/loadPlugin.js';
import { Registry } from '../plugins/Registry.js';
import type { ExplainPayload } from './ExplainPayload.js';
import { transferablesOf } from './transferablesOf.js';
import { toWireError, type TaskMessage, type TaskOutcome, type TaskPortMessage, type WorkerInit, type WorkerStatus } from './workerProtocol.js';

interface Loaded {
  model: VisorModel;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
  explainers: Map<string, Explainer<any>>;
  labels: string[];
}

if (!parentPort) throw new Error('scoringWorker.js is a worker thread entry; the WorkerPool (piscina) runs it');
const port = parentPort;
const init = workerData as WorkerInit;

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
  return { model, explainers: registry.explainers(), labels: init.labels ?? [] };
}

const loading = start();
loading.then(
  (loaded) => port.postMessage({ visor: 'ready', threadId, backend: loaded.model.engine } satisfies WorkerStatus),
  (e) => port.postMessage({ visor: 'init-error', threadId, error: toWireError(e) } satisfies WorkerStatus),
);

async function loaded(): Promise<Loaded> {
  try {
    return await loading;
  } catch (e) {
    const code = ((e as { code?: unknown })?.code as VisorErrorCode | undefined) ?? 'run';
    throw new VisorError(`this worker could not start: ${(e as Error)?.message ?? String(e)}`, { code, cause: e });
  }
}

type Result = [unknown, ArrayBuffer[]];

async function score(payload: { data: Float32Array; n: number; kind: ScoreKind }): Promise<Result> {
  const { model } = await loaded();
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
  const out = scores!.data.slice(); // our own buffer: never transfer memory an engine may own
  return [out, [out.buffer]];
}

async function explain(payload: ExplainPayload, taskPort: MessagePort, signal: AbortSignal): Promise<Result> {
  const { model, explainers, labels } = await loaded();
  const explainer = explainers.get(payload.explainer);
  if (!explainer) {
    const known = [...explainers.keys()].join(', ') || 'none (no plugins were given to the worker pool)';
    throw new VisorError(`explain: no explainer "${payload.explainer}" in this worker; loaded: ${known}`, { code: 'run' });
  }
  const explanations = await explainer.explain({
    model,
    input: { data: payload.input, shape: [...payload.shape] },
    targets: payload.targets,
    predictions: payload.predictions,
    options: payload.options,
    backend: model.engine,
    label: (i: number) => labels[i] ?? `class ${i}`,
    progress: (event) => taskPort.postMessage({ type: 'progress', event } satisfies TaskPortMessage),
    signal,
  });
  return [explanations, transferablesOf(explanations)];
}

/** Test hooks: `exit` ends the thread with code 3, `throw` raises an uncaught exception, `crash-once` crashes only the first time
 * the shared counter is seen (then echoes), `echo` returns the payload's value and the thread id, `tensors` the worker's
 * live tensor count, `fail` fails the task normally. */
async function testHook(payload: { mode: string; value?: unknown; counter?: SharedArrayBuffer; delayMs?: number }): Promise<Result> {
  if (payload.delayMs) await new Promise((r) => setTimeout(r, payload.delayMs));
  switch (payload.mode) {
    case 'exit':
      return process.exit(3);
    case 'throw':
      setImmediate(() => {
        throw new Error('test hook: uncaught exception in the worker');
      });
      return new Promise<never>(() => undefined);
    case 'crash-once': {
      const seen = Atomics.add(new Int32Array(payload.counter!), 0, 1);
      if (seen === 0) process.exit(3);
      return [{ value: payload.value, threadId }, []];
    }
    case 'echo':
      return [{ value: payload.value, threadId }, []];
    case 'tensors':
      return [(await loaded()).model.memory().tensors, []];
    case 'fail':
      throw new VisorError(`test hook: task failed on purpose (${String(payload.value)})`, { code: 'run' });
    default:
      throw new Error(`test hook: unknown mode ${payload.mode}`);
  }
}

/** piscina's task handler. Resolves with a TaskOutcome (the result's buffers transferred). */
export default async function handleTask({ kind, payload, port: taskPort }: TaskMessage): Promise<unknown> {
  taskPort.postMessage({ type: 'started', threadId } satisfies TaskPortMessage);
  const controller = new AbortController();
  const onControl = (m: { type?: string }) => {
    if (m?.type === 'abort') controller.abort(new Error('aborted by the caller'));
  };
  // An abort sent while the task was still queued is already waiting on the port.
  for (let m = receiveMessageOnPort(taskPort); m; m = receiveMessageOnPort(taskPort)) onControl(m.message as { type?: string });
  taskPort.on('message', onControl);
  try {
    if (controller.signal.aborted) throw abortedError('aborted by the caller');
    let out: Result;
    if (kind === 'score') out = await score(payload as { data: Float32Array; n: number; kind: ScoreKind });
    else if (kind === 'explain') out = await explain(payload as ExplainPayload, taskPort, controller.signal);
    else if (kind === '__test' && init.testHooks) out = await testHook(payload as { mode: string });
    else throw new VisorError(`worker: unknown task kind "${kind}"`, { code: 'run' });
    const outcome: TaskOutcome = { ok: true, result: out[0] };
    return move({ [transferableSymbol]: out[1], [valueSymbol]: outcome });
  } catch (e) {
    return { ok: false, error: toWireError(e) } satisfies TaskOutcome;
  } finally {
    taskPort.off('message', onControl);
    taskPort.postMessage({ type: 'end' } satisfies TaskPortMessage);
    taskPort.close();
  }
}
