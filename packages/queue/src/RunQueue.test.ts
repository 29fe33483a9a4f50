import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobId } from './jobId.js';
import { parseQueueUrl } from './queueAddress.js';
import type { QueueJobData, QueueRun } from './QueueRun.js';
import { redisMissing, startRedis, type TestRedis } from './redisServer.testkit.js';
import { RunQueue } from './RunQueue.js';
import { waitForDrain } from './waitForDrain.js';

const missing = redisMissing();
if (missing) console.warn(`skipping RunQueue tests: ${missing}`);

const run: QueueRun = {
  schema: 'visor/queue-run@1',
  id: 'run-1',
  config: '/data/visor.yaml',
  out: null,
  models: [{ name: null, out: '/data/out', inputs: 3 }],
  enqueuedAt: '2026-01-01T00:00:00.000Z',
};
const job = (i: number): { id: string; data: QueueJobData } => {
  const task = { index: i, path: `/data/img${i}.png`, stem: `img${i}` };
  return { id: jobId(null, task.stem), data: { run, model: null, task } };
};

describe.skipIf(missing)('RunQueue (real Redis)', () => {
  let redis: TestRedis;
  let queue: RunQueue;
  beforeAll(async () => {
    redis = await startRedis();
    queue = RunQueue.open(parseQueueUrl(redis.url), 'unit');
  });
  afterAll(async () => {
    await queue?.close();
    await redis?.stop();
  });

  it('keeps the run in the queue metadata; clear() removes it with every job', async () => {
    expect(await queue.readRun()).toBeNull();
    await queue.writeRun(run);
    expect(await queue.readRun()).toEqual(run);
    expect(await queue.add([job(0), job(1)])).toBe(2);
    expect(await queue.counts()).toMatchObject({ waiting: 2, active: 0, completed: 0, failed: 0 });
    await queue.clear();
    expect(await queue.readRun()).toBeNull();
    expect(RunQueue.unfinished(await queue.counts())).toBe(0);
  });

  it('adds one job per input under its stable id; on resume a waiting job is kept, a finished one redone', async () => {
    await queue.clear();
    expect(await queue.add([job(0), job(1), job(2)], { attempts: 2, backoffMs: 50 })).toBe(3);
    const first = await queue.queue.getJob('in/img0');
    expect(first?.data.task).toEqual({ index: 0, path: '/data/img0.png', stem: 'img0' });
    expect(first?.opts).toMatchObject({ attempts: 2, backoff: { type: 'exponential', delay: 50 } });

    // A worker completes img0 and fails img1 for good (unrecoverable), leaving img2 waiting.
    const seen: string[] = [];
    const worker = new Worker<QueueJobData>(
      'unit',
      async (j) => {
        seen.push(String(j.id));
        if (j.id === 'in/img1') {
          const e = new Error('cannot read img1');
          e.name = 'UnrecoverableError';
          throw e;
        }
        if (j.id === 'in/img2') await new Promise(() => undefined); // stays active until the worker closes
        return { status: 'done' };
      },
      { connection: { ...queue.address.redis, maxRetriesPerRequest: null }, concurrency: 1 },
    );
    try {
      await expect.poll(async () => (await queue.counts()).failed, { timeout: 10_000 }).toBe(1);
      expect((await queue.counts()).completed).toBe(1);
      expect(await queue.failures()).toEqual([{ id: 'in/img1', path: '/data/img1.png', message: 'cannot read img1', attempts: 1 }]);
      await expect.poll(() => seen.includes('in/img2'), { timeout: 10_000 }).toBe(true);
      // img2 is active: resuming keeps it; img0 (completed) and img1 (failed) are queued again.
      expect(await queue.add([job(0), job(1), job(2)], { replaceFinished: true })).toBe(2);
      expect(await queue.counts()).toMatchObject({ waiting: 2, active: 1, completed: 0, failed: 0 });
    } finally {
      await worker.close(true);
    }
  });

  it('waitForDrain returns once nothing is left unfinished and stops when aborted', async () => {
    await queue.clear(true); // the previous test's worker left a job active
    expect(await waitForDrain(queue, { intervalMs: 20 })).toMatchObject({ waiting: 0, active: 0 });
    await queue.add([job(0)]);
    const controller = new AbortController();
    const waiting = waitForDrain(queue, { intervalMs: 20, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(waiting).rejects.toMatchObject({ name: 'VisorError', code: 'aborted' });
  });
});
