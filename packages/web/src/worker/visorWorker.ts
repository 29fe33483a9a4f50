import { isVisorError, type ProgressEvent } from '@visor/core';
import type { FromWorker, ToWorker } from '../protocol.js';
import { transferablesOf } from './transferablesOf.js';
import { WorkerSession } from './WorkerSession.js';

// The Web Worker that runs Visor for the page: the model, the methods and the exports live here, so the page's
// main thread only draws. One request at a time is worked on (they are queued); `cancel` is handled at once.
declare const self: {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  crossOriginIsolated?: boolean;
};

const session = new WorkerSession();
const runs = new Map<number, AbortController>();
let queue: Promise<unknown> = Promise.resolve();

const post = (message: FromWorker) => self.postMessage(message, transferablesOf(message));

/** Progress events of one stage are sent at most every 50 ms (and always the last), so the page is not flooded. */
function throttled(id: number): (event: ProgressEvent) => void {
  const last = new Map<string, number>();
  return (event) => {
    const now = performance.now();
    if (event.done < event.total && now - (last.get(event.stage) ?? -Infinity) < 50) return;
    last.set(event.stage, now);
    post({ type: 'progress', id, event });
  };
}

async function handle(message: ToWorker): Promise<void> {
  const { id } = message;
  try {
    switch (message.type) {
      case 'init':
        post({ type: 'ready', id, ...session.catalog(), isolated: self.crossOriginIsolated === true });
        return;
      case 'load-model':
        post({ type: 'model', id, info: await session.loadModel(message.files, message.backend, message.labels, message.outputActivation, message.inputSize) });
        return;
      case 'run': {
        const controller = new AbortController();
        runs.set(id, controller);
        const started = performance.now();
        try {
          const progress = throttled(id);
          const done = await session.run(message.request, controller.signal, {
            progress,
            input: (input) => post({ type: 'input', id, input }),
            failure: (f) => post({ type: 'failure', id, path: f.path, message: f.message }),
          });
          post({ type: 'done', id, ...done, ms: performance.now() - started });
        } finally {
          runs.delete(id);
        }
        return;
      }
      case 'export-json':
        post({ type: 'files', id, files: await session.exportJson() });
        return;
      case 'export-png':
        post({ type: 'files', id, files: [session.exportPng(message.input, message.colormap, message.alpha, message.tileSize)] });
        return;
      case 'cancel':
        return;
    }
  } catch (e) {
    const err = e as Error;
    if (isVisorError(e)) post({ type: 'error', id, message: e.message, code: e.code, ...(e.hint ? { hint: e.hint } : {}) });
    else post({ type: 'error', id, message: err?.message ?? String(e), code: 'run' });
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    runs.get(message.run)?.abort();
    return;
  }
  queue = queue.then(() => handle(message));
};
