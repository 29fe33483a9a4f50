import xterm from '@xterm/headless';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reporter } from './Reporter.js';

/** A stderr that says it is an 80-column terminal and keeps what is written to it. */
function fakeTty(tty = true) {
  const chunks: string[] = [];
  const stream = {
    isTTY: tty,
    columns: 80,
    rows: 24,
    write(chunk: string | Uint8Array, ...rest: unknown[]) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WritableStream, raw: () => chunks.join('') };
}

/**
 * What a terminal shows after receiving `output`: @xterm/headless interprets the escape sequences.
 * It parses on timers, so it runs on real ones (tests take snapshots of the output under fake timers
 * and read them afterwards).
 */
async function screen(output: string): Promise<string[]> {
  vi.useRealTimers();
  const term = new xterm.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const lines: string[] = [];
  for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)?.translateToString(true) ?? '');
  term.dispose();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const FULL = '\u2588'; // shades_classic: complete
const EMPTY = '\u2591'; // shades_classic: incomplete
const bar = (filled: number) => `[${FULL.repeat(filled)}${EMPTY.repeat(40 - filled)}]`;
/** cli-progress redraws every 100 ms (10 fps). */
const REDRAW = 100;

/** Reports `e` at fake time `t` (ms), lets cli-progress redraw, and returns all that was written so far. */
function reportAt(r: Reporter, out: ReturnType<typeof fakeTty>, t: number, e: { stage: string; done: number; total: number }): string {
  vi.advanceTimersByTime(t - Date.now());
  r.progress(e);
  vi.advanceTimersByTime(REDRAW);
  return out.raw();
}

describe('Reporter on a terminal (cli-progress through a fake TTY, read back by a terminal emulator)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws one bar per stage with names padded so bars line up, counts, and the ETA: … without a rate, then remaining / rate, 0s when done', async () => {
    const out = fakeTty();
    const r = new Reporter({ quiet: false, verbose: false, tty: true, stderr: out.stream });
    r.progress({ stage: 'inputs', done: 0, total: 4 });
    const shots = [
      reportAt(r, out, 0, { stage: 'occlusion', done: 0, total: 40 }),
      // 10 windows in the first second: 30 left at 10/s → 3 s; the bar is 10/40 of 40 cells
      reportAt(r, out, 1000, { stage: 'occlusion', done: 10, total: 40 }),
      // 20 more in the next 4 s: the rate over the buffered updates is 30 per 5 s → 10 left take 2 s (ceil(1.67))
      reportAt(r, out, 5000, { stage: 'occlusion', done: 30, total: 40 }),
    ];
    // one input of 4 done after 5.1 s: 3 left at 1 per 5.1 s → ceil(15.3) = 16 s
    r.progress({ stage: 'occlusion', done: 40, total: 40 });
    r.progress({ stage: 'inputs', done: 1, total: 4 });
    r.stop();
    shots.push(out.raw());

    expect(await screen(shots[0]!)).toEqual([`${'inputs'.padEnd(16)} ${bar(0)} 0/4 | ETA …`, `${'occlusion'.padEnd(16)} ${bar(0)} 0/40 | ETA …`]);
    expect((await screen(shots[1]!))[1]).toBe(`${'occlusion'.padEnd(16)} ${bar(10)} 10/40 | ETA 3s`);
    expect((await screen(shots[2]!))[1]).toBe(`${'occlusion'.padEnd(16)} ${bar(30)} 30/40 | ETA 2s`);
    expect(await screen(shots[3]!)).toEqual([`${'inputs'.padEnd(16)} ${bar(10)} 1/4 | ETA 16s`, `${'occlusion'.padEnd(16)} ${bar(40)} 40/40 | ETA 0s`]);
    // the cursor is hidden while drawing and shown again at the end
    expect(out.raw().startsWith('\x1b[?25l')).toBe(true);
    expect(out.raw().lastIndexOf('\x1b[?25h')).toBeGreaterThan(out.raw().lastIndexOf('\x1b[?25l'));
  });

  it('pads every stage to the longest name seen, so a plugin stage longer than 16 characters keeps the bars aligned', async () => {
    const out = fakeTty();
    const r = new Reporter({ quiet: false, verbose: false, tty: true, stderr: out.stream });
    r.progress({ stage: 'inputs', done: 1, total: 2 });
    r.progress({ stage: 'smoothgrad:noise-samples', done: 5, total: 50 });
    vi.advanceTimersByTime(REDRAW);
    r.stop();
    const lines = await screen(out.raw());
    expect(lines).toHaveLength(2);
    expect(lines[0]!.indexOf('[')).toBe('smoothgrad:noise-samples'.length + 1);
    expect(lines[1]!.indexOf('[')).toBe(lines[0]!.indexOf('['));
    expect(lines[0]!.startsWith('inputs ')).toBe(true);
    expect(lines[1]).toContain(' 5/50 | ETA ');
  });

  it("starts a stage's ETA afresh when its count goes back (the next input), instead of averaging in the last input", async () => {
    const out = fakeTty();
    const r = new Reporter({ quiet: false, verbose: false, tty: true, stderr: out.stream });
    // first input: 40 windows at 10/s
    for (let s = 0; s <= 4; s++) reportAt(r, out, 1000 * s, { stage: 'occlusion', done: 10 * s, total: 40 });
    // second input starts at t = 5 s; 10 windows in 1 s again → 3 s left (not 15 s from the mixed-up buffer)
    const shots = [reportAt(r, out, 5000, { stage: 'occlusion', done: 0, total: 40 }), reportAt(r, out, 6000, { stage: 'occlusion', done: 10, total: 40 })];
    r.stop();
    expect((await screen(shots[0]!))[0]).toBe(`${'occlusion'.padEnd(16)} ${bar(0)} 0/40 | ETA …`);
    expect((await screen(shots[1]!))[0]).toBe(`${'occlusion'.padEnd(16)} ${bar(10)} 10/40 | ETA 3s`);
  });

  it('prints log lines above the bars, drops verbose ones unless asked, and keeps a line logged just before stop()', async () => {
    const out = fakeTty();
    const r = new Reporter({ quiet: false, verbose: false, tty: true, stderr: out.stream });
    r.progress({ stage: 'inputs', done: 0, total: 2 });
    vi.advanceTimersByTime(REDRAW);
    r.log('info', 'loaded model /models/tiny/model.json');
    r.log('verbose', 'layer conv1: 3×3×16');
    vi.advanceTimersByTime(REDRAW);
    r.progress({ stage: 'inputs', done: 2, total: 2 });
    r.log('warn', 'cat.png: 1 of 2 explainers failed');
    r.stop();
    const atStop = out.raw();
    r.stop(); // the CLI stops in its try and again in its finally: nothing more is written
    expect(out.raw()).toBe(atStop);
    // after stop() a line is written at once
    r.log('warn', 'late');
    expect(await screen(atStop)).toEqual([
      'loaded model /models/tiny/model.json',
      'warning: cat.png: 1 of 2 explainers failed',
      `${'inputs'.padEnd(16)} ${bar(40)} 2/2 | ETA 0s`,
    ]);
    expect((await screen(out.raw())).at(-1)).toBe('warning: late');
  });

  it('writes nothing at all when no stage ever reported progress', () => {
    const out = fakeTty();
    const r = new Reporter({ quiet: false, verbose: false, tty: true, stderr: out.stream });
    r.log('info', 'no model loaded');
    r.stop();
    expect(out.raw()).toBe('no model loaded\n');
  });
});

describe('Reporter without a terminal, and quiet', () => {
  it('writes plain lines at each quarter of a stage (no escape codes), once per quarter', () => {
    const out = fakeTty(false);
    const r = new Reporter({ quiet: false, verbose: false, tty: false, stderr: out.stream });
    for (let done = 0; done <= 40; done++) r.progress({ stage: 'occlusion', done, total: 40 });
    r.progress({ stage: 'inputs', done: 1, total: 3 });
    r.stop();
    expect(out.raw()).toBe('occlusion: 10/40\nocclusion: 20/40\nocclusion: 30/40\nocclusion: 40/40\ninputs: 1/3\n');
  });

  it('--quiet shows no progress and no info, only warnings', () => {
    for (const tty of [true, false]) {
      const out = fakeTty(tty);
      const r = new Reporter({ quiet: true, verbose: true, tty, stderr: out.stream });
      r.progress({ stage: 'inputs', done: 1, total: 1 });
      r.log('info', 'hello');
      r.log('warn', 'careful');
      r.stop();
      expect(out.raw()).toBe('warning: careful\n');
    }
  });
});
