import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineTfjsPlugin, saveLayersModel, selectBackend, tf } from '@visor/engine-tfjs';
import {
  createExplainWorkers,
  createParallelScorer,
  loadModel,
  Registry,
  resolveWorkerCount,
  runInWorkers,
  WorkerPool,
  type ScoreKind,
  type VisorModel,
  type WorkerPoolEvent,
} from '@visor/core';
import { compileCoreForWorkers } from '../packages/core/src/workers/compileCoreForWorkers.testkit.js';

// Workers run compiled JS: a private transpiled copy of core's sources (see compileCoreForWorkers). They load
// the model through the tfjs engine plugin, imported by package name (its built dist: npm test builds first).
const ENGINE = [{ spec: '@visor/engine-tfjs', baseDir: fileURLToPath(new URL('../', import.meta.url)) }];
let build: Awaited<ReturnType<typeof compileCoreForWorkers>>;
let root: string;
let modelPath: string;
let model: VisorModel;
const H = 12;
const W = 10;
const C = 3;
const K = 5;

/** A small conv net with a softmax head, seeded (the workers load it from disk; the test loads the same file). */
function tinyCnn(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [H, W, C] });
  const conv = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1), name: 'conv' }).apply(input);
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(conv);
  const out = tf.layers.dense({ units: K, activation: 'softmax', kernelInitializer: init(2), biasInitializer: 'ones', name: 'predictions' }).apply(gap);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
}

/** Deterministic pseudo-random batch in [-1, 1). */
function batch(n: number, seed: number): Float32Array {
  const data = new Float32Array(n * H * W * C);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 31 - 1;
  }
  return data;
}

async function inProcess(data: Float32Array, n: number, kind: 'logit' | 'probability'): Promise<Float32Array> {
  const [s] = await model.run({ data, shape: [n, H, W, C] }, [kind === 'logit' ? 'logits' : 'probabilities']);
  return s!.data;
}

beforeAll(async () => {
  build = await compileCoreForWorkers();
  await selectBackend('wasm'); // the model is built (and saved) on the backend the workers use
  root = await mkdtemp(join(tmpdir(), 'visor-workers-'));
  const m = tinyCnn();
  modelPath = join(root, 'tiny');
  await saveLayersModel(m, modelPath);
  m.dispose();
  model = (await loadModel(modelPath, new Registry([engineTfjsPlugin]), { backend: 'wasm' })).model;
});

afterAll(async () => {
  await model?.dispose();
  build?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('createParallelScorer', () => {
  it('scores batches in 2 workers bit-identically to model.classScores on the same backend (wasm)', async () => {
    const scorer = await createParallelScorer({ modelPath, backend: 'wasm', workers: 2, plugins: ENGINE, workerUrl: build.workerUrl });
    try {
      expect(scorer.workers).toBe(2);
      expect(scorer.backend).toBe('wasm');
      const sizes = [1, 3, 4, 2, 5, 3];
      const inputs = sizes.map((n, i) => batch(n, 100 + i));
      const kinds = sizes.map((_, i): ScoreKind => (i % 2 === 0 ? 'logit' : 'probability'));
      const expected = await Promise.all(inputs.map((d, i) => inProcess(d, sizes[i]!, kinds[i]!)));
      // All six in flight at once: both workers busy, results matched to their batches.
      const got = await Promise.all(inputs.map((d, i) => scorer.classScores(d, sizes[i]!, kinds[i]!)));
      for (let i = 0; i < sizes.length; i++) {
        expect(got[i]).toBeInstanceOf(Float32Array);
        expect(got[i]!.length).toBe(sizes[i]! * K);
        expect(Array.from(got[i]!)).toEqual(Array.from(expected[i]!));
      }
      // Real scores, not zeros: each probability row sums to 1.
      for (let b = 0; b < sizes[1]!; b++) {
        const row = got[1]!.subarray(b * K, (b + 1) * K);
        expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
      }
      // The caller's arrays were copied, not detached (a batch must survive one worker crash).
      expect(inputs[0]!.length).toBe(H * W * C);
    } finally {
      await scorer.close();
    }
    expect(scorer.pool.threadIds).toEqual([]);
  });

  it('rejects a batch of the wrong size with an error naming the expected length, and keeps working', async () => {
    const scorer = await createParallelScorer({ modelPath, backend: 'wasm', workers: 1, plugins: ENGINE, workerUrl: build.workerUrl });
    try {
      await expect(scorer.classScores(new Float32Array(7), 1, 'logit')).rejects.toThrow(/needs a Float32Array of 360 values, got 7/);
      const ok = await scorer.classScores(batch(1, 9), 1, 'logit');
      expect(Array.from(ok)).toEqual(Array.from(await inProcess(batch(1, 9), 1, 'logit')));
    } finally {
      await scorer.close();
    }
  });

  it('fails to start with an error naming a missing model, and leaves no thread behind', async () => {
    const missing = join(root, 'nope', 'model.json');
    const events: WorkerPoolEvent[] = [];
    await expect(
      createParallelScorer({ modelPath: missing, backend: 'wasm', workers: 2, plugins: ENGINE, workerUrl: build.workerUrl, onEvent: (e) => events.push(e) }),
    ).rejects.toThrow(/worker \d could not start: .*nope/);
    expect(events.at(-1)).toEqual({ type: 'closed' });
  });

  it('explains how to get the worker entry when it is missing (TypeScript sources, no build)', async () => {
    const url = new URL('../packages/core/src/workers/scoringWorker.js', import.meta.url); // src/ has only scoringWorker.ts
    await expect(createParallelScorer({ modelPath, workers: 1, plugins: ENGINE, workerUrl: url })).rejects.toThrow(
      /scoringWorker\.js does not exist\. Workers run compiled JavaScript: build @visor\/core first/,
    );
  });
});

describe('WorkerPool', () => {
  const start = (workers: number, events: WorkerPoolEvent[] = []) =>
    WorkerPool.start({
      init: { modelPath, backend: 'wasm', plugins: ENGINE, testHooks: true },
      workers,
      workerUrl: build.workerUrl,
      onEvent: (e) => events.push(e),
    });
  // One pool of 2 workers shared by the tests below (starting workers is the slow part); each test
  // reads the events it caused. Crashed workers are replaced, so every test starts with 2 threads.
  let shared: WorkerPool;
  let sharedEvents: WorkerPoolEvent[] = [];
  beforeAll(async () => {
    shared = await WorkerPool.start({
      init: { modelPath, backend: 'wasm', plugins: ENGINE, testHooks: true },
      workers: 2,
      workerUrl: build.workerUrl,
      onEvent: (e) => sharedEvents.push(e),
    });
  });
  afterAll(() => shared?.close());
  const useShared = (events: WorkerPoolEvent[] = []) => {
    sharedEvents = events;
    return { pool: shared, close: async () => undefined };
  };

  it('hands simultaneous tasks to different idle workers', async () => {
    const { pool, close } = useShared();
    try {
      expect(pool.threadIds).toHaveLength(2);
      const out = await Promise.all([1, 2].map((v) => pool.run<{ value: number; threadId: number }>('__test', { mode: 'echo', value: v, delayMs: 50 })));
      expect(out.map((o) => o.value)).toEqual([1, 2]);
      expect(new Set(out.map((o) => o.threadId))).toEqual(new Set(pool.threadIds));
    } finally {
      await close();
    }
  });

  it('replaces a crashed worker and re-runs its task once (process.exit in the worker)', async () => {
    const events: WorkerPoolEvent[] = [];
    const { pool, close } = useShared(events);
    try {
      const before = pool.threadIds;
      const counter = new SharedArrayBuffer(4);
      const out = await pool.run<{ value: string }>('__test', { mode: 'crash-once', value: 'second try', counter }, { label: 'flaky task' });
      expect(out.value).toBe('second try');
      expect(new Int32Array(counter)[0]).toBe(2); // ran twice: crashed, then succeeded
      const crash = events.find((e) => e.type === 'crash');
      expect(crash).toMatchObject({ type: 'crash', task: 'flaky task', requeued: true, message: 'exited with code 3' });
      expect(events.some((e) => e.type === 'replaced')).toBe(true);
      expect(pool.threadIds).toHaveLength(2);
      expect(pool.threadIds.filter((t) => !before.includes(t))).toHaveLength(1);
      // The replacement scores like the others.
      const scores = await pool.run<Float32Array>('score', { data: batch(2, 5), n: 2, kind: 'logit' });
      expect(Array.from(scores)).toEqual(Array.from(await inProcess(batch(2, 5), 2, 'logit')));
    } finally {
      await close();
    }
  });

  it('rejects a task that crashes its worker twice, naming it; other tasks are unaffected', async () => {
    const events: WorkerPoolEvent[] = [];
    const { pool, close } = useShared(events);
    try {
      // Handlers attached at once: tfjs-backend-wasm turns any unhandled rejection into a process crash.
      const doomed = expect(pool.run('__test', { mode: 'exit' }, { label: 'doomed task' })).rejects.toThrow(
        /^doomed task crashed its worker thread \(exited with code 3\) for the second time; not retried again$/,
      );
      const thrower = expect(pool.run('__test', { mode: 'throw' }, { label: 'throwing task' })).rejects.toThrow(
        /^throwing task crashed its worker thread \(uncaught Error: test hook: uncaught exception in the worker\)/,
      );
      const fine = pool.run<{ value: number }>('__test', { mode: 'echo', value: 42 });
      await doomed;
      await thrower;
      expect((await fine).value).toBe(42);
      const crashes = events.filter((e) => e.type === 'crash');
      expect(crashes.map((e) => (e as { task?: string }).task).sort()).toEqual(['doomed task', 'doomed task', 'throwing task', 'throwing task']);
      expect(crashes.map((e) => (e as { requeued: boolean }).requeued).filter(Boolean)).toHaveLength(2);
      expect(pool.threadIds).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('does not retry a task whose input was transferred', async () => {
    const { pool, close } = useShared();
    try {
      const data = new Float32Array(4);
      const p = pool.run('__test', { mode: 'exit', data }, { label: 'transferred task', transfer: [data.buffer] });
      await expect(p).rejects.toThrow(/transferred task crashed its worker thread \(exited with code 3\) its input was transferred, so it is not retried/);
      expect(data.length).toBe(0); // detached: moved to the worker (when a worker took it), not copied
    } finally {
      await close();
    }
  });

  it('a task that fails normally is rejected with its error, without a crash or retry', async () => {
    const events: WorkerPoolEvent[] = [];
    const { pool, close } = useShared(events);
    try {
      await expect(pool.run('__test', { mode: 'fail', value: 'x' }, { label: 'failing task' })).rejects.toThrow(
        'failing task: test hook: task failed on purpose (x)',
      );
      await expect(pool.run('nope', {})).rejects.toThrow(/unknown task kind "nope"/);
      expect(events.filter((e) => e.type === 'crash')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('close() rejects queued and running tasks with a clear error and terminates every thread', async () => {
    const events: WorkerPoolEvent[] = [];
    const pool = await start(1, events);
    const tasks = [0, 1, 2, 3].map((i) => pool.run('__test', { mode: 'echo', value: i, delayMs: 200 }, { label: `slow task ${i}` }));
    const settled = Promise.allSettled(tasks);
    await pool.close();
    const results = await settled;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(
      [0, 1, 2, 3].map((i) => `worker pool closed before slow task ${i} finished`),
    );
    expect(pool.threadIds).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'closed' });
    await expect(pool.run('__test', { mode: 'echo' }, { label: 'late task' })).rejects.toThrow('worker pool is closed: late task was not run');
    await pool.close(); // idempotent
  });

  it('frees every tensor a score task allocates inside the worker', async () => {
    const pool = await start(1);
    const close = () => pool.close();
    try {
      const before = await pool.run<number>('__test', { mode: 'tensors' });
      for (let i = 0; i < 3; i++) await pool.run('score', { data: batch(3, i), n: 3, kind: i % 2 ? 'logit' : 'probability' });
      await expect(pool.run('score', { data: batch(1, 1), n: 2, kind: 'logit' })).rejects.toThrow(/needs a Float32Array/);
      expect(await pool.run<number>('__test', { mode: 'tensors' })).toBe(before);
    } finally {
      await close();
    }
  });

  it('a queued task can be aborted before it runs', async () => {
    const pool = await start(1);
    const close = () => pool.close();
    try {
      const first = pool.run<{ value: number }>('__test', { mode: 'echo', value: 1, delayMs: 100 });
      const controller = new AbortController();
      const second = pool.run('__test', { mode: 'echo', value: 2 }, { signal: controller.signal, label: 'second' });
      controller.abort();
      await expect(second).rejects.toMatchObject({ name: 'AbortError', message: 'second aborted' });
      expect((await first).value).toBe(1);
    } finally {
      await close();
    }
  });

  it('leaves no thread that keeps a process alive: a script that closes its pool, or leaves it idle, exits by itself', () => {
    const poolUrl = new URL('workers/WorkerPool.js', `file://${build.dir}`).href;
    for (const closeIt of [true, false]) {
      const script = `
        import { WorkerPool } from ${JSON.stringify(poolUrl)};
        const pool = await WorkerPool.start({ init: { modelPath: ${JSON.stringify(modelPath)}, backend: 'wasm', plugins: ${JSON.stringify(ENGINE)}, testHooks: true }, workers: 2 });
        const r = await pool.run('__test', { mode: 'echo', value: 7 });
        console.log('result', r.value);
        ${closeIt ? 'await pool.close();' : ''}
      `;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 60_000,
        cwd: fileURLToPath(new URL('../packages/core/', import.meta.url)),
      });
      expect(run.error).toBeUndefined(); // a hanging process would hit the timeout (ETIMEDOUT)
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('result 7');
      expect(run.status).toBe(0);
    }
  });
});

describe('createExplainWorkers', () => {
  let pluginDir: string;
  beforeAll(async () => {
    // A plugin without imports: its explainer only uses the model and tensors it is given.
    pluginDir = join(root, 'plugin');
    await (await import('node:fs/promises')).mkdir(pluginDir, { recursive: true });
    await writeFile(
      join(pluginDir, 'index.js'),
      `
      const scores = {
        id: 'scores', description: 'the target logits as a map', optionsSchema: { type: 'object', additionalProperties: false }, defaults: {},
        async explain(ctx) {
          const [s] = await ctx.model.run(ctx.input, ['logits']);
          const v = s.data;
          const K = ctx.model.numClasses;
          const out = [];
          ctx.targets.forEach((ts, n) => ts.forEach((cls) => {
            ctx.progress({ stage: 'scores', done: n + 1, total: ctx.targets.length });
            const data = Float32Array.from(v.subarray(n * K, (n + 1) * K));
            const map = { data, shape: [K], range: [0, 0], signed: true, meaning: 'logits' };
            out.push({ method: 'scores', inputIndex: n, target: { classIndex: cls, label: ctx.label(cls), score: v[n * K + cls], scoreKind: 'logit' },
              options: ctx.options, raw: map, heatmap: { ...map, data: data.subarray(0, 2), shape: [2] } });
          }));
          return out;
        },
      };
      const waits = {
        id: 'waits', description: 'waits for the abort signal', optionsSchema: { type: 'object' }, defaults: {},
        async explain(ctx) {
          while (!ctx.signal.aborted) await new Promise((r) => setTimeout(r, 5));
          const e = new Error('waits aborted'); e.name = 'AbortError'; throw e;
        },
      };
      export default { name: 'fixture-worker-plugin', version: '1.0.0', visorApi: '^2',
        register(bind) { bind(Symbol.for('visor/Explainer')).toConstantValue(scores); bind(Symbol.for('visor/Explainer')).toConstantValue(waits); } };
      `,
    );
  });

  it('runs an explainer from a plugin loaded in each worker, with the model loaded once, and returns its maps', async () => {
    const workers = await createExplainWorkers({
      modelPath,
      backend: 'wasm',
      workers: 2,
      plugins: [...ENGINE, { spec: './plugin/index.js', baseDir: root }],
      labels: ['zero', 'one', 'two'],
      workerUrl: build.workerUrl,
    });
    try {
      const inputs = [batch(1, 31), batch(1, 32), batch(1, 33)];
      const progress: number[] = [];
      const out = await runInWorkers(inputs, workers.workers, (input) =>
        workers.explain(
          { explainer: 'scores', options: {}, input, shape: [1, H, W, C], targets: [[1, 4]], predictions: { logits: [], probabilities: [] } },
          { progress: (e) => progress.push(e.done) },
        ),
      );
      expect(out).toHaveLength(3);
      for (let i = 0; i < 3; i++) {
        const expected = await inProcess(inputs[i]!, 1, 'logit');
        expect(out[i]!.map((e) => e.target.classIndex)).toEqual([1, 4]);
        expect(out[i]!.map((e) => e.target.label)).toEqual(['one', 'class 4']);
        expect(Array.from(out[i]![0]!.raw.data)).toEqual(Array.from(expected));
        expect(out[i]![1]!.target.score).toBe(expected[4]);
        // A view on a shared buffer came back as its own copy of the right values.
        expect(Array.from(out[i]![0]!.heatmap.data)).toEqual(Array.from(expected.subarray(0, 2)));
      }
      expect(progress).toEqual([1, 1, 1, 1, 1, 1]);
      await expect(
        workers.explain({
          explainer: 'nope',
          options: {},
          input: inputs[0]!,
          shape: [1, H, W, C],
          targets: [[0]],
          predictions: { logits: [], probabilities: [] },
        }),
      ).rejects.toThrow(/no explainer "nope" in this worker; loaded: scores, waits/);
    } finally {
      await workers.close();
    }
  });

  it('aborting a running explain task aborts the explainer in the worker', async () => {
    const workers = await createExplainWorkers({
      modelPath,
      backend: 'wasm',
      workers: 1,
      plugins: [...ENGINE, { spec: './plugin/index.js', baseDir: root }],
      workerUrl: build.workerUrl,
    });
    try {
      const controller = new AbortController();
      const p = workers.explain(
        { explainer: 'waits', options: {}, input: batch(1, 1), shape: [1, H, W, C], targets: [[0]], predictions: { logits: [], probabilities: [] } },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 50);
      await expect(p).rejects.toMatchObject({ name: 'AbortError', message: 'waits aborted' });
    } finally {
      await workers.close();
    }
  });
});

describe('runInWorkers', () => {
  it('pulls items lazily, never has more than `limit` in flight, and keeps item order', async () => {
    let pulled = 0;
    let inFlight = 0;
    let peak = 0;
    function* items() {
      for (let i = 0; i < 7; i++) {
        pulled++;
        expect(pulled - doneCount).toBeLessThanOrEqual(2); // at most `limit` items alive
        yield i;
      }
    }
    let doneCount = 0;
    const out = await runInWorkers(items(), 2, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, (7 - i) * 3));
      inFlight--;
      doneCount++;
      return i * i;
    });
    expect(out).toEqual([0, 1, 4, 9, 16, 25, 36]);
    expect(peak).toBe(2);
  });

  it('stops pulling after a failure and rejects with it once the calls in flight settle', async () => {
    let pulled = 0;
    function* items() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield i;
      }
    }
    await expect(
      runInWorkers(items(), 2, async (i) => {
        if (i === 1) throw new Error('item 1 failed');
        await new Promise((r) => setTimeout(r, 20));
        return i;
      }),
    ).rejects.toThrow('item 1 failed');
    expect(pulled).toBe(2);
  });
});

describe('resolveWorkerCount', () => {
  it("maps 'auto' to os.availableParallelism() and refuses non-positive or fractional counts, naming the value", () => {
    expect(resolveWorkerCount('auto')).toBe(os.availableParallelism());
    expect(resolveWorkerCount(3)).toBe(3);
    expect(() => resolveWorkerCount(0)).toThrow('workers: 0 is not a worker count; expected a positive integer or "auto"');
    expect(() => resolveWorkerCount(1.5, 'parallel.workers')).toThrow('parallel.workers: 1.5 is not a worker count');
  });
});
