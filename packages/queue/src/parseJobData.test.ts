import { describe, expect, it } from 'vitest';
import { parseJobData } from './parseJobData.js';

const good = {
  run: { schema: 'visor/queue-run@1', id: 'r', config: '/c/visor.yaml', out: null, models: [], enqueuedAt: 'now' },
  model: null,
  task: { index: 3, path: '/c/images/a b.png', stem: 'a_b' },
};

describe('parseJobData', () => {
  it('passes a job as visor run --queue writes it', () => {
    expect(parseJobData(good)).toBe(good);
    expect(parseJobData({ ...good, model: 'clean', run: { ...good.run, out: '/elsewhere' } }).model).toBe('clean');
  });

  it('names the first bad field, its value and what is expected; never retried (UnrecoverableError)', () => {
    const cases: [unknown, string][] = [
      ['hello', 'malformed job: its data is "hello", expected an object { run, model, task }'],
      [{ ...good, run: undefined }, 'malformed job: run is undefined, expected the run object'],
      [{ ...good, run: { ...good.run, schema: 'x' } }, 'malformed job: run.schema is "x", expected "visor/queue-run@1"'],
      [{ ...good, run: { ...good.run, config: 'visor.yaml' } }, 'malformed job: run.config is "visor.yaml", expected the absolute path'],
      [{ ...good, model: 7 }, 'malformed job: model is 7, expected null or the name'],
      [{ ...good, task: { ...good.task, index: -1 } }, 'malformed job: task.index is -1, expected an integer ≥ 0'],
      [{ ...good, task: { ...good.task, path: 'rel.png' } }, 'malformed job: task.path is "rel.png"'],
      [{ ...good, task: { ...good.task, stem: '../evil' } }, 'malformed job: task.stem is "../evil", expected a file name stem'],
      [{ ...good, task: { ...good.task, stem: '.hidden' } }, 'malformed job: task.stem is ".hidden"'],
    ];
    for (const [data, message] of cases) {
      let error: unknown;
      try {
        parseJobData(data);
      } catch (e) {
        error = e;
      }
      expect(error, message).toBeInstanceOf(Error);
      expect((error as Error).message.startsWith(message), `${(error as Error).message} should start with ${message}`).toBe(true);
      expect((error as Error).name).toBe('UnrecoverableError');
    }
  });
});
