import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../contracts/RunReport.js';
import type { InputRecord } from './InputRecord.js';
import { OutputStage } from './OutputStage.js';
import { parseRecordJson, recordJson } from './recordJson.js';
import { RunManifest, fileSource } from './RunManifest.js';
import { PID_SPACE, tempOwner, tempPathFor } from './tempName.js';

const info: RunInfo = {
  model: { source: 'm', format: 'f', inputShape: [], numClasses: 2, finalActivation: 'softmax' },
  backend: 'cpu',
  preprocess: {},
  explainers: [],
  startedAt: '2026-01-01T00:00:00.000Z',
};

async function setup() {
  const out = await mkdtemp(join(tmpdir(), 'visor-manifest-'));
  const input = join(out, 'in.png');
  await writeFile(input, 'pixels');
  const stage = new OutputStage(out);
  await stage.write('a/one.txt', 'hello');
  const files = stage.files();
  await stage.commit();
  const record: InputRecord = {
    schema: 'visor/input-record@1',
    index: 0,
    path: input,
    stem: 'a',
    source: await fileSource(input),
    status: 'done',
    summary: { index: 0, path: input, stem: 'a', predictions: [], targets: [], explanations: [], metrics: [] },
    files,
  };
  return { out, input, record, manifest: new RunManifest(out) };
}

describe('RunManifest', () => {
  it('the stage records each file with its size and SHA-256', async () => {
    const { record } = await setup();
    // SHA-256("hello")
    expect(record.files).toEqual([{ path: 'a/one.txt', bytes: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' }]);
  });

  it('keeps NaN and infinities through its JSON', () => {
    const back = parseRecordJson<{ a: number[]; b: { c: number } }>(recordJson({ a: [Number.NaN, 1, -Infinity], b: { c: Infinity } }));
    expect(back.a[0]).toBeNaN();
    expect(back.a.slice(1)).toEqual([1, -Infinity]);
    expect(back.b.c).toBe(Infinity);
  });

  it('a record is trusted while its files and input are unchanged', async () => {
    const { out, record, manifest } = await setup();
    await manifest.start('fresh', { explainers: ['cam'] }, info);
    await manifest.record(record);
    const read = await manifest.read(record);
    expect(read).toEqual(record);
    expect(await manifest.check(read!)).toBeNull();
    await writeFile(join(out, 'a/one.txt'), 'hellO'); // same size, other bytes
    expect(await manifest.check(read!)).toMatch(/a\/one.txt differs/);
    await writeFile(join(out, 'a/one.txt'), 'hello!');
    expect(await manifest.check(read!)).toMatch(/has 6 bytes, recorded 5/);
  });

  it('notices an input that changed since it was explained', async () => {
    const { input, record, manifest } = await setup();
    await utimes(input, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(await manifest.check(record)).toMatch(/in.png changed/);
  });

  it('resume keeps the records and the first start time; a changed setting is refused by name; fresh forgets', async () => {
    const { record, manifest } = await setup();
    await manifest.start('fresh', { explainers: ['cam'], targets: { top: 1 } }, info);
    await manifest.record(record);
    const later = { ...info, startedAt: '2026-02-02T00:00:00.000Z' };
    const resumed = await manifest.start('resume', { explainers: ['cam'], targets: { top: 1 } }, later);
    expect(resumed).toEqual({ info, resumed: true });
    expect(await manifest.read(record)).not.toBeNull();
    await expect(manifest.start('resume', { explainers: ['cam', 'occlusion'], targets: { top: 1 } }, later)).rejects.toThrow(/its explainers changed/);
    await manifest.start('fresh', { explainers: ['cam'] }, later);
    expect(await manifest.read(record)).toBeNull();
  });

  it('removes temporary files of processes that no longer run, and only those', async () => {
    const { out, manifest } = await setup();
    const dead = 999999999; // above any pid_max
    await writeFile(join(out, `a/two.txt.visor-${PID_SPACE}-${dead}-0123abcd.tmp`), 'stale');
    await writeFile(join(out, `a/three.txt.visor-${PID_SPACE}-${process.pid}-0123abcd.tmp`), 'mine, in progress');
    await writeFile(join(out, `a/four.txt.visor-${dead}-0123abcd.tmp`), 'stale, older name without pid space');
    expect(await manifest.removeStaleTemps()).toBe(2);
    expect((await readdir(join(out, 'a'))).sort()).toEqual(['one.txt', `three.txt.visor-${PID_SPACE}-${process.pid}-0123abcd.tmp`]);
    expect(await readFile(join(out, 'a/one.txt'), 'utf8')).toBe('hello');
  });

  it("another machine's temporary files are removed only once nobody has written them for an hour", async () => {
    const { out, manifest } = await setup();
    const other = PID_SPACE === '00000000' ? 'ffffffff' : '00000000';
    // Pids of another pid space say nothing here: a dead-looking pid may be a live writer there, a live-looking one long gone.
    const recent = join(out, `a/five.txt.visor-${other}-999999999-0123abcd.tmp`);
    const old = join(out, `a/six.txt.visor-${other}-${process.pid}-0123abcd.tmp`);
    await writeFile(recent, 'being written on another machine');
    await writeFile(old, 'left by a machine that died');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    expect(await manifest.removeStaleTemps()).toBe(1);
    expect((await readdir(join(out, 'a'))).sort()).toEqual([basename(recent), 'one.txt']);
    // The threshold is the caller's: with 0, every file of another pid space is stale.
    expect(await manifest.removeStaleTemps({ othersAfterMs: 0 })).toBe(1);
    expect(await readdir(join(out, 'a'))).toEqual(['one.txt']);
  });

  it('names its temporary files after this pid space and process, and recognises them', () => {
    const temp = tempPathFor('/out/x.json');
    expect(temp).toMatch(new RegExp(`^/out/x\\.json\\.visor-${PID_SPACE}-${process.pid}-[0-9a-f]{8}\\.tmp$`));
    expect(tempOwner(temp.slice(5))).toEqual({ pidSpace: PID_SPACE, pid: process.pid });
    expect(tempOwner('x.json.visor-123-0123abcd.tmp')).toEqual({ pidSpace: PID_SPACE, pid: 123 });
    expect(tempOwner('x.json.visor-12345678-0123abcd.tmp')).toEqual({ pidSpace: PID_SPACE, pid: 12345678 }); // an 8-digit pid, older name
    expect(tempOwner('x.json')).toBeNull();
    expect(PID_SPACE).toMatch(/^[0-9a-f]{8}$/);
  });
});
