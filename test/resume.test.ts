// A run killed half-way with SIGKILL, then resumed, gives byte-identical outputs to a run never interrupted.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, tempDir } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/bin/visor.js');
const demo = join(root, 'examples/demo');

function visor(args: string[], cwd: string, whileRunning?: (child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    whileRunning?.(child);
  });
}

const records = async (out: string) => (await readdir(join(out, '.visor/inputs')).catch(() => [])).filter((f) => f.endsWith('.json'));
/** The run's outputs besides the manifest (whose run.json holds the start time). */
const outputs = async (out: string) => (await listFiles(out)).filter((f) => !f.startsWith('.visor/'));

let dir: string;
let config: string;
beforeAll(async () => {
  dir = await tempDir('visor-resume-');
  config = join(dir, 'demo.yaml');
  await writeFile(
    config,
    `model: ${join(demo, 'models/clean/model.json')}
backend: wasm
preprocess: tf
labels: ${join(demo, 'labels.json')}
inputs: [${join(demo, 'images')}/*.png]
masks: ${join(demo, 'images/masks')}/{name}.mask.png
targets: { top: 3 }
batchSize: 1
explainers:
  - cam
  - [occlusion, { patch: 8, stride: 4 }]
  - guided-backprop
metrics: [deletion, pointing-game]
renderers: [png, json, html]
out: ./out
`,
  );
});

describe('resume after SIGKILL', () => {
  it('a run killed half-way and resumed writes byte-identical JSON, tables and files to an uninterrupted run', async () => {
    const whole = join(dir, 'whole');
    const full = await visor(['run', config, '--out', whole, '--quiet'], dir);
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);

    const cut = join(dir, 'cut');
    let killedAt = -1;
    const killed = await visor(['run', config, '--out', cut, '--quiet'], dir, (child) => {
      const check = async () => {
        const n = (await records(cut)).length;
        if (n >= 3 && killedAt < 0) {
          killedAt = n;
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      };
      const poll = setInterval(() => void check(), 20);
      child.on('close', () => clearInterval(poll));
    });
    expect(killed.signal).toBe('SIGKILL');
    const kept = (await records(cut)).length;
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(8); // killed half-way: some inputs were never done

    const resumed = await visor(['run', config, '--out', cut, '--resume'], dir);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`explained 8 input\\(s\\) \\(${kept} already done, skipped\\)`));

    const names = await outputs(whole);
    expect(await outputs(cut)).toEqual(names); // the same files, and no temporary file left
    expect(names).toEqual(
      expect.arrayContaining(['01-circle-watermark.json', 'results.jsonl', 'results.csv', 'metrics.csv', 'report.html', 'metric-curves.png']),
    );
    for (const name of names.filter((n) => /\.(json|jsonl|csv|png)$/.test(n))) {
      expect((await readFile(join(cut, name))).equals(await readFile(join(whole, name))), name).toBe(true);
    }
  });
});
