// Many machines over Redis: `visor run --queue` enqueues, `visor worker`s (the built CLI, as subprocesses)
// process; one worker is killed with SIGKILL mid-job. Every input's outputs must exist exactly once and equal
// a single-process run's byte for byte. Also: Redis down, `visor status`, a failing input, a malformed job.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, redisMissing, startRedis, type TestRedis } from '../packages/queue/src/redisServer.testkit.js';
import { listFiles, tempDir } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/bin/visor.js');
const demo = join(root, 'examples/demo');
const missing = redisMissing();
if (missing) console.warn(`skipping the queue tests: ${missing}`);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; `watch` sees the child and every stderr chunk as it comes. */
function visor(args: string[], cwd: string, watch?: (child: ChildProcess, stderrSoFar: () => string) => void): Promise<Run> & { child: ChildProcess } {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
  let stdout = '';
  let stderr = '';
  const done = new Promise<Run>((resolve, reject) => {
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  watch?.(child, () => stderr);
  return Object.assign(done, { child });
}

/** Worker options that find a dead worker's job within ~3 s (lock 2 s, checked every second). */
const FAST_RECOVERY = ['--lock-duration', '2000', '--stalled-interval', '1000'];
/** Outputs besides the manifest (whose run.json holds the start time). */
const outputs = async (out: string) => (await listFiles(out)).filter((f) => !f.startsWith('.visor/'));

describe.skipIf(missing)('visor run --queue, visor worker, visor status (real Redis)', () => {
  let redis: TestRedis;
  let dir: string;
  let config: string;
  const IMAGES = ['01-circle-watermark', '02-square', '03-triangle', '04-cross', '05-star', '06-square-watermark', '07-star-watermark', '08-circle'];

  beforeAll(async () => {
    redis = await startRedis();
    dir = await tempDir('visor-queue-');
    await mkdir(join(dir, 'images'));
    for (const name of IMAGES) await copyFile(join(demo, 'images', `${name}.png`), join(dir, 'images', `${name}.png`));
    await writeFile(join(dir, 'images', '00-broken.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])); // not a PNG past its signature
    config = join(dir, 'demo.yaml');
    await writeFile(
      config,
      `model: ${join(demo, 'models/clean/model.json')}
backend: wasm
preprocess: tf
labels: ${join(demo, 'labels.json')}
inputs: [./images/*.png]
masks: ${join(demo, 'images/masks')}/{name}.mask.png
targets: { top: 2 }
batchSize: 1
explainers:
  - cam
  - [occlusion, { patch: 16, stride: 8 }]
  - guided-backprop
metrics: [pointing-game]
renderers: [png, json, html]
out: ./out
`,
    );
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** The same config run in one process (once, shared by the tests that compare with it). */
  let referenceRun: Promise<{ out: string; run: Run }> | undefined;
  const reference = () =>
    (referenceRun ??= (async () => {
      const out = join(dir, 'whole');
      return { out, run: await visor(['run', config, '--out', out, '--quiet'], dir) };
    })());
  /** Every output of `out` equals the reference's, byte for byte (JSON, tables, PNG), and there is no other file. */
  async function expectSameAsReference(out: string): Promise<void> {
    const whole = (await reference()).out;
    const names = await outputs(whole);
    expect(await outputs(out)).toEqual(names);
    expect((await listFiles(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['02-square.json', 'results.jsonl', 'results.csv', 'metrics.csv', 'report.html']));
    for (const name of names.filter((n) => /\.(json|jsonl|csv|png)$/.test(n))) {
      expect((await readFile(join(out, name))).equals(await readFile(join(whole, name))), name).toBe(true);
    }
    const records = await readdir(join(out, '.visor/inputs'));
    expect(records.sort()).toEqual(['00-broken', ...IMAGES].map((s) => `${s}.json`));
  }

  it('a Redis that is down: exit 2, the URL, the cause and the fix, nothing enqueued or written', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}/0`;
    const r = await visor(['run', config, '--queue', url, '--out', 'never'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`visor: cannot use the queue at ${url}: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(r.stderr).toContain(`fix: Start Redis there (e.g. redis-server --port ${port})`);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    for (const command of [['worker'], ['status']]) {
      const w = await visor([...command, '--queue', url], dir);
      expect(w.code, command[0]).toBe(2);
      expect(w.stderr).toContain(`cannot use the queue at ${url}`);
    }
    // …and the live Redis has no job: nothing was enqueued anywhere.
    const status = await visor(['status', '--queue', redis.url, '--json'], dir);
    expect(JSON.parse(status.stdout)).toMatchObject({ run: null, counts: { waiting: 0, active: 0, completed: 0, failed: 0 } });
  });

  it('2 workers, one killed with SIGKILL mid-job: every output exactly once, byte-identical to a single-process run; the failing input recorded as failed', async () => {
    const single = (await reference()).run;
    expect(single.code).toBe(1); // the broken input
    expect(single.stderr).toContain('00-broken.png');

    const workerArgs = ['worker', '--queue', redis.url, '--verbose', ...FAST_RECOVERY];
    let killedJob: string | undefined;
    const victim = visor(workerArgs, dir, (child, stderr) => {
      child.stderr!.on('data', () => {
        // Its second job: started (the model is loaded), not finished.
        const started = [...stderr().matchAll(/started (\S+)/g)].map((m) => m[1]);
        if (started.length === 2 && !killedJob) {
          killedJob = started[1];
          child.kill('SIGKILL');
        }
      });
    });
    const survivor = visor(workerArgs, dir);
    const q = join(dir, 'q');
    const run = await visor(['run', config, '--queue', redis.url, '--out', q], dir);
    const killed = await victim;
    expect(killed.signal).toBe('SIGKILL');
    expect(killedJob).toMatch(/^in\//);
    expect(killed.stderr).not.toContain(`done ${killedJob}:`); // it died mid-job

    expect(run.stderr).toContain('enqueued 9 job(s)');
    expect(run.stderr).toMatch(/explained 8 of 9 input\(s\) with cam, occlusion, guided-backprop on wasm \(queue workers\)/);
    expect(run.stderr).toMatch(/1 input\(s\) failed:\n {2}.*00-broken\.png: /);
    expect(run.code).toBe(1);

    // The killed job went back to the queue and was done by the survivor.
    const bull = new Queue('visor', { connection: { host: '127.0.0.1', port: redis.port } });
    try {
      const job = await bull.getJob(killedJob!);
      expect(await job!.getState()).toBe('completed');
      expect(job!.attemptsStarted).toBe(2);
      expect(job!.stalledCounter).toBe(1);
    } finally {
      await bull.close();
    }
    survivor.child.kill('SIGTERM');
    const stopped = await survivor;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain(`done ${killedJob}:`);

    // Exactly the single-process run's files (no temp file, no duplicate), byte for byte; one record per input:
    // 8 done, the broken one failed with its reason.
    await expectSameAsReference(q);
    const broken = JSON.parse(await readFile(join(q, '.visor/inputs/00-broken.json'), 'utf8'));
    expect(broken).toMatchObject({ status: 'failed', message: expect.stringContaining('00-broken.png') });

    // visor status: counts, what is recorded, the failure with its message.
    const status = await visor(['status', '--queue', redis.url], dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`run of ${config} → ${q}`);
    expect(status.stdout).toContain('jobs: 9 — 0 waiting, 0 active, 0 delayed (retry back-off), 9 completed, 0 failed — drained');
    expect(status.stdout).toContain(`recorded 9 of 9 input(s) in ${q}: 8 done, 1 failed`);
    expect(status.stdout).toMatch(new RegExp(`failed inputs:\\n {2}${join(dir, 'images/00-broken.png').replace(/[.]/g, '\\.')}: .+`));
  });

  it('--detach, a worker that exits when the queue is drained, visor summarize; a malformed job fails at once with its reason, the rest goes on', async () => {
    const out = join(dir, 'detached');
    const name = ['--queue-name', 'detached'];
    const enqueued = await visor(['run', config, '--queue', redis.url, ...name, '--out', out, '--detach'], dir);
    expect(enqueued.code).toBe(0);
    expect(enqueued.stderr).toContain(`enqueued 9 job(s) on ${redis.url} (queue detached)`);
    expect(enqueued.stderr).toContain(`when done: visor summarize ${config} --out ${out}`);
    expect(existsSync(join(out, 'results.jsonl'))).toBe(false); // no summary yet
    const bull = new Queue('detached', { connection: { host: '127.0.0.1', port: redis.port } });
    try {
      await bull.add('explain', { task: 'not a task' }, { jobId: 'bogus', attempts: 3 });
    } finally {
      await bull.close();
    }
    const worker = await visor(['worker', '--queue', redis.url, ...name, '--exit-when-drained', ...FAST_RECOVERY], dir);
    expect(worker.code).toBe(0);
    expect(worker.stderr).toContain('job bogus failed: malformed job: run is undefined');
    expect(worker.stderr).not.toContain('will be retried');
    expect(worker.stderr).toContain('stopping: the queue is drained');
    const status = await visor(['status', '--queue', redis.url, ...name, '--json'], dir);
    const s = JSON.parse(status.stdout);
    expect(s.counts).toMatchObject({ completed: 9, failed: 1, waiting: 0, active: 0 });
    expect(s.drained).toBe(true);
    expect(s.failedJobs).toEqual([{ id: 'bogus', message: expect.stringMatching(/^malformed job: run is undefined, expected the run object/), attempts: 1 }]);
    expect(s.recorded).toEqual([
      { name: null, out, inputs: 9, done: 8, failed: [{ path: join(dir, 'images/00-broken.png'), message: expect.stringContaining('00-broken.png') }] },
    ]);

    const summarized = await visor(['summarize', config, '--out', out], dir);
    expect(summarized.code).toBe(1); // the broken input
    expect(summarized.stderr).toContain(`summarized 8 of 9 input(s), 1 failed; wrote`);
    await expectSameAsReference(out);
  });

  it('the whole run killed (enqueuer and worker, SIGKILL) mid-way: run --queue --resume and a new worker finish it, byte-identical', async () => {
    const out = join(dir, 'killed-run');
    const name = ['--queue-name', 'second'];
    const enqueuer = visor(['run', config, '--queue', redis.url, ...name, '--out', out], dir);
    let killedJob: string | undefined;
    const worker = visor(['worker', '--queue', redis.url, ...name, '--verbose', ...FAST_RECOVERY], dir, (child, stderr) => {
      child.stderr!.on('data', () => {
        const started = [...stderr().matchAll(/started (\S+)/g)].map((m) => m[1]);
        if (started.length === 4 && !killedJob) {
          killedJob = started[3];
          child.kill('SIGKILL');
          enqueuer.child.kill('SIGKILL');
        }
      });
    });
    expect((await worker).signal).toBe('SIGKILL');
    expect((await enqueuer).signal).toBe('SIGKILL');
    const kept = (await readdir(join(out, '.visor/inputs'))).length;
    expect(kept).toBe(3); // three jobs done, the fourth killed mid-way, five never started

    const again = visor(['worker', '--queue', redis.url, ...name, ...FAST_RECOVERY], dir);
    const resumed = await visor(['run', config, '--queue', redis.url, ...name, '--out', out, '--resume'], dir);
    again.child.kill('SIGTERM');
    expect((await again).code).toBe(0);
    // The failed input's record is redone like any incomplete one; the jobs still queued are joined, not added again.
    expect(resumed.stderr).toContain('resuming: 2 of 9 input(s) already done, 7 to explain');
    expect(resumed.stderr).toContain('enqueued 1 job(s) on');
    expect(resumed.stderr).toContain('6 already queued');
    expect(resumed.code).toBe(1); // the broken input, as in one process
    await expectSameAsReference(out);
    const bull = new Queue('second', { connection: { host: '127.0.0.1', port: redis.port } });
    try {
      expect(await bull.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 9, failed: 0, waiting: 0, active: 0 });
      expect((await bull.getJob(killedJob!))!.stalledCounter).toBe(1);
    } finally {
      await bull.close();
    }
  });
});
