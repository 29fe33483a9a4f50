// The queue worker's unit of work in-process (no Redis): JobProcessor opens the enqueued run once, writes what
// Pipeline.run writes, refuses a worker whose settings differ from the enqueuer's, and fails malformed jobs for good.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, Pipeline, prepareRun, RunSession, type VisorPlugin } from '@visor/core';
import engineTfjsPlugin, { tf } from '@visor/engine-tfjs';
import camPlugin from '@visor/plugin-cam';
import renderersPlugin from '@visor/renderers';
import { JobProcessor, jobId, type QueueJobData, type QueueRun } from '@visor/queue';
import { listFiles, saveTinyCnn, tempDir, writePng } from './helpers.js';

const builtins: VisorPlugin[] = [engineTfjsPlugin, camPlugin, renderersPlugin];
let dir: string;

const configText = (top: number) => `model: ./model/model.json
backend: cpu
inputs: [./images/*.png]
targets: { top: ${top} }
explainers: [cam]
renderers: [json, png]
out: ./out
`;

/** What `visor run --queue` does before the workers start: the manifest in out/, one job per input. */
async function enqueue(configFile: string, runId: string): Promise<QueueJobData[]> {
  const { config, source } = await loadConfig(configFile);
  const { registry, config: resolved } = await prepareRun(config, { file: configFile, source, builtins });
  const session = await RunSession.open(registry, resolved);
  try {
    await session.manifest.start('fresh', await session.fingerprint(), session.info);
    const run: QueueRun = {
      schema: 'visor/queue-run@1',
      id: runId,
      config: configFile,
      out: null,
      models: [{ name: null, out: resolved.out, inputs: session.tasks.length }],
      enqueuedAt: 'now',
    };
    return session.tasks.map((task) => ({ run, model: null, task }));
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await tempDir('visor-queue-processor-');
  await saveTinyCnn(join(dir, 'model'));
  await (await import('node:fs/promises')).mkdir(join(dir, 'images'));
  await writePng(join(dir, 'images', 'a.png'), 16, 16, (x, y) => x * 7 + y);
  await writePng(join(dir, 'images', 'b.png'), 16, 16, (x, y) => (x * y) % 200);
});

describe('JobProcessor', () => {
  it('processes jobs with the run opened once, and writes byte for byte what Pipeline.run writes', async () => {
    const configFile = join(dir, 'visor.yaml');
    await writeFile(configFile, configText(2));
    const jobs = await enqueue(configFile, 'run-1');
    expect(jobs.map((j) => jobId(j.model, j.task.stem))).toEqual(['in/a', 'in/b']);
    const logs: string[] = [];
    const processor = new JobProcessor({ builtins, hooks: { log: (_level, m) => logs.push(m) } });
    try {
      const results = await Promise.all(jobs.map((j) => processor.process(structuredClone(j))));
      expect(results).toEqual([
        { status: 'done', path: join(dir, 'images/a.png'), files: expect.any(Number) },
        { status: 'done', path: join(dir, 'images/b.png'), files: expect.any(Number) },
      ]);
      expect(logs.filter((m) => m.startsWith('backend:'))).toHaveLength(1); // the model was loaded once
    } finally {
      await processor.close();
    }

    const { config, source } = await loadConfig(configFile);
    config.out = join(dir, 'reference');
    const { registry, config: resolved } = await prepareRun(config, { file: configFile, source, builtins });
    const outcome = await new Pipeline(registry).run(resolved);
    expect(outcome.exitCode).toBe(0);
    const perInput = (await listFiles(join(dir, 'reference'))).filter((f) => !f.startsWith('.visor/') && !f.startsWith('results.'));
    expect(perInput.length).toBeGreaterThan(2);
    expect((await listFiles(join(dir, 'out'))).filter((f) => !f.startsWith('.visor/'))).toEqual(perInput);
    for (const f of perInput) expect((await readFile(join(dir, 'out', f))).equals(await readFile(join(dir, 'reference', f))), f).toBe(true);
  });

  it("refuses to write when its settings differ from the enqueuer's (here the config changed after enqueueing), naming what differs", async () => {
    const configFile = join(dir, 'changed.yaml');
    await writeFile(configFile, configText(1).replace('./out', './out-changed'));
    const [job] = await enqueue(configFile, 'run-2');
    await writeFile(configFile, configText(3).replace('./out', './out-changed'));
    const processor = new JobProcessor({ builtins });
    try {
      await expect(processor.process(job)).rejects.toMatchObject({
        name: 'VisorError',
        code: 'config',
        message: `this worker's targets differ(s) from the run enqueued in ${join(dir, 'out-changed')}: its outputs would not match the others'`,
      });
      expect(await listFiles(join(dir, 'out-changed'))).toEqual(['.visor/run.json']); // nothing written
    } finally {
      await processor.close();
    }
  });

  it('a worker that does not see the run record, or a job naming a model the config lacks, fails with the reason', async () => {
    const configFile = join(dir, 'unseen.yaml');
    await writeFile(configFile, configText(1).replace('./out', './out-unseen'));
    const run: QueueRun = { schema: 'visor/queue-run@1', id: 'run-3', config: configFile, out: null, models: [], enqueuedAt: 'now' };
    const task = { index: 0, path: join(dir, 'images/a.png'), stem: 'a' };
    const processor = new JobProcessor({ builtins });
    try {
      await expect(processor.process({ run, model: null, task })).rejects.toThrow(`${join(dir, 'out-unseen')} has no run record (.visor/run.json)`);
      await expect(processor.process({ run, model: 'clean', task })).rejects.toMatchObject({
        name: 'UnrecoverableError',
        message: `malformed job: model "clean" is not in ${configFile} (it has a single, unnamed model)`,
      });
    } finally {
      await processor.close();
    }
  });
});
