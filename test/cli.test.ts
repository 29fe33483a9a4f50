// The built `visor` binary, run as a user would: exit codes, files written, messages.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '@visor/engine-tfjs';
import { CHROMIUM, CHROMIUM_LAUNCH } from '@visor/core/testing';
import { listFiles, saveTinyCnn, tempDir, writePng } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/bin/visor.js'); // the linked `visor` command

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function visor(args: string[], cwd: string, onStderr?: (chunk: string, child: ReturnType<typeof spawn>) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(String(d), child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await tempDir('visor-cli-');
  await saveTinyCnn(join(dir, 'model'));
  await mkdir(join(dir, 'images'));
  await writePng(join(dir, 'images', 'cat.png'), 24, 16, (x, y) => x * 9 + y * 3);
  await writePng(join(dir, 'images', 'dog.png'), 16, 16, (x, y) => (x * y) % 250);
  await writeFile(join(dir, 'labels.json'), JSON.stringify(['zero', 'one', 'two', 'three']));
});

describe('visor CLI', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await visor(['--help'], dir);
    expect(r.code).toBe(0);
    for (const c of ['run', 'explain', 'init', 'plugins', 'schema', 'models']) expect(r.stdout).toContain(`visor ${c}`);
  });

  it('no command, or an unknown flag, is bad usage: exit 2', async () => {
    expect((await visor([], dir)).code).toBe(2);
    const r = await visor(['run', 'x.yaml', '--no-such-flag'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown argument');
  });

  it('explain writes the documented files for every method and class', async () => {
    const out = join(dir, 'out-explain');
    const r = await visor(
      [
        'explain',
        'images/cat.png',
        '--model',
        'model/model.json',
        '--method',
        'cam,occlusion,guided-backprop',
        '--top',
        '2',
        '--set',
        'occlusion.patch=4',
        '--labels',
        'labels.json',
        '--backend',
        'cpu',
        '--out',
        out,
      ],
      dir,
    );
    expect(r.stderr).toContain('explained 1 input(s) with cam, occlusion, guided-backprop on cpu');
    expect(r.code).toBe(0);
    const files = await listFiles(out);
    expect(files).toContain('cat.json');
    expect(files).toContain('report.html');
    const doc = JSON.parse(await readFile(join(out, 'cat.json'), 'utf8'));
    const classes: number[] = doc.predictions.slice(0, 2).map((p: { classIndex: number }) => p.classIndex);
    for (const m of ['cam', 'occlusion', 'guided-backprop']) for (const k of classes) expect(files).toContain(`cat/${m}-${k}.png`);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('--print-config prints the equivalent YAML; running it gives identical JSON', async () => {
    const args = [
      'images/dog.png',
      '--model',
      'model/model.json',
      '--method',
      'grad-cam,occlusion',
      '--set',
      'occlusion.patch=8',
      '--target',
      '1',
      '--backend',
      'cpu',
      '--renderer',
      'json',
    ];
    const printed = await visor(['explain', ...args, '--out', 'out-a', '--print-config'], dir);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('explainers:');
    expect(printed.stdout).toContain('patch: 8');
    await writeFile(join(dir, 'printed.yaml'), printed.stdout);
    expect((await visor(['run', 'printed.yaml'], dir)).code).toBe(0);
    expect((await visor(['explain', ...args, '--out', 'out-b'], dir)).code).toBe(0);
    const strip = (s: string) => {
      const d = JSON.parse(s);
      expect(d).not.toHaveProperty('startedAt'); // the documents are deterministic
      return d;
    };
    const a = strip(await readFile(join(dir, 'out-a', 'dog.json'), 'utf8'));
    const b = strip(await readFile(join(dir, 'out-b', 'dog.json'), 'utf8'));
    expect(a).toEqual(b);
    expect(a.explanations.length).toBe(2);
  });

  it('an unknown method exits 2 before any work, with "did you mean"', async () => {
    const r = await visor(['explain', 'images/cat.png', '--model', 'model/model.json', '--method', 'gradcam', '--out', 'out-x'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown explainer "gradcam": did you mean "grad-cam"?');
    expect(await listFiles(join(dir, 'out-x'))).toEqual([]);
  });

  it('an option of the wrong type exits 2 naming the option and what is accepted', async () => {
    const r = await visor(
      ['explain', 'images/cat.png', '--model', 'model/model.json', '--method', 'occlusion', '--set', 'occlusion.output=dorp', '--out', 'out-y'],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('explainers[0].occlusion.output: (occlusion) "dorp" is not accepted: did you mean "drop"?');
  });

  it('a missing model file exits 2 naming it', async () => {
    const r = await visor(['explain', 'images/cat.png', '--model', 'nope/model.json', '--method', 'cam', '--backend', 'cpu', '--out', 'out-z'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope/model.json');
  });

  it('a YAML typo exits 2 with the line and a suggestion', async () => {
    await writeFile(join(dir, 'typo.yaml'), 'model: model/model.json\ninputs: [images]\nexplainer: [cam]\n');
    const r = await visor(['run', 'typo.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('typo.yaml:3:1');
    expect(r.stderr).toContain('did you mean "explainers"?');
  });

  it('a folder with a bad image: the rest is explained, the bad file reported, exit 1', async () => {
    const folder = join(dir, 'mixed');
    await mkdir(folder);
    await copyFile(join(dir, 'images', 'cat.png'), join(folder, 'cat.png'));
    await writeFile(join(folder, 'zebra.png'), 'this is not a png');
    await writeFile(
      join(dir, 'mixed.yaml'),
      'model: model/model.json\nbackend: cpu\ninputs: [mixed]\nexplainers: [cam]\nrenderers: [json, png]\nout: out-mixed\n',
    );
    const r = await visor(['run', 'mixed.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 input(s) failed');
    expect(r.stderr).toContain('zebra.png');
    expect(await listFiles(join(dir, 'out-mixed'))).toContain('cat.json');
  });

  it('input names cannot lead outputs out of out/', async () => {
    await writeFile(join(dir, 'images', '..sneaky name.png'), await readFile(join(dir, 'images', 'cat.png')));
    const r = await visor(
      [
        'explain',
        join(dir, 'images', '..sneaky name.png'),
        '--model',
        'model/model.json',
        '--method',
        'cam',
        '--renderer',
        'json',
        '--backend',
        'cpu',
        '--out',
        'out-names',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(await listFiles(join(dir, 'out-names'))).toEqual([
      '.visor/inputs/sneaky_name.json',
      '.visor/run.json',
      'results.csv',
      'results.jsonl',
      'sneaky_name.json',
    ]);
  });

  it('models lists layers with shapes and marks the auto-chosen CAM and Grad-CAM layer', async () => {
    const r = await visor(['models', 'model/model.json', '--backend', 'cpu'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/conv2 +Conv2D +\[\?, 16, 16, 6\] +relu .*← CAM, Grad-CAM \(auto\)/);
    expect(r.stdout).toContain('predictions');
  });

  it('plugins lists the built-in plugins with versions and options', async () => {
    const r = await visor(['plugins'], dir);
    expect(r.code).toBe(0);
    for (const p of ['@visor/plugin-cam@0.1.0', '@visor/plugin-occlusion@0.1.0', '@visor/plugin-guided-bp@0.1.0', '@visor/renderers@0.1.0'])
      expect(r.stdout).toContain(p);
    expect(r.stdout).toContain('explainer occlusion');
    expect(r.stdout).toMatch(/stride:/);
  });

  it('schema prints a JSON Schema that includes every explainer and its options', async () => {
    const r = await visor(['schema'], dir);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    const ids = JSON.stringify(schema.properties.explainers);
    for (const id of ['cam', 'grad-cam', 'grad-cam++', 'occlusion', 'guided-backprop', 'guided-grad-cam']) expect(ids).toContain(`"const":"${id}"`);
    expect(ids).toContain('"patch"');
  });

  it('init writes a commented config for the model that runs as is', async () => {
    const r = await visor(['init', '--model', 'model/model.json', '--file', 'started.yaml', '--inputs', './images/dog.png'], dir);
    expect(r.code).toBe(0);
    const text = await readFile(join(dir, 'started.yaml'), 'utf8');
    expect(text).toContain('# The model (tfjs-layers, on ');
    expect(text).toContain('- cam');
    expect(text).not.toContain('outputActivation'); // a softmax model needs no hint
    expect((await visor(['init', '--model', 'model/model.json', '--file', 'started.yaml'], dir)).code).toBe(2);
    const run = await visor(['run', 'started.yaml', '--quiet'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('init on a model without a final activation (a PyTorch export) says how to declare its logits, and that line works', async () => {
    const onnx = join(root, 'test/fixtures/pytorch/tiny_resnet.onnx');
    const r = await visor(['init', '--model', onnx, '--file', 'linear.yaml', '--inputs', './images/dog.png'], dir);
    expect(r.code).toBe(0);
    const text = await readFile(join(dir, 'linear.yaml'), 'utf8');
    expect(text).toContain('final activation linear');
    expect(text).toContain('# outputActivation: softmax');
    const declared = text.replace('# outputActivation: softmax', 'outputActivation: softmax').replace('out: ./out', 'out: ./out-linear');
    await writeFile(join(dir, 'linear.yaml'), declared);
    const run = await visor(['run', 'linear.yaml', '--quiet'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(await readFile(join(dir, 'out-linear/dog.json'), 'utf8'));
    expect(doc.model.finalActivation).toBe('softmax');
    const ps = doc.predictions.map((p: { probability: number }) => p.probability);
    // Probabilities of a softmax (raw logits would not be): each in [0, 1], the top one positive, the top k summing to ≤ 1.
    for (const p of ps) expect(p >= 0 && p <= 1).toBe(true);
    expect(ps[0]).toBeGreaterThan(0);
    expect(ps.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-6);
    expect(doc.predictions[0].probability).not.toBe(doc.predictions[0].logit);
  });

  it('the example SmoothGrad plugin runs from YAML', async () => {
    await writeFile(
      join(dir, 'smooth.yaml'),
      `model: model/model.json\nbackend: cpu\ninputs: [images/cat.png]\nplugins: [${join(root, 'examples/plugin-smoothgrad')}]\nexplainers:\n  - smoothgrad: { samples: 4 }\nrenderers: [json]\nout: out-smooth\n`,
    );
    const r = await visor(['run', 'smooth.yaml'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(await readFile(join(dir, 'out-smooth', 'cat.json'), 'utf8'));
    expect(doc.explanations[0].method).toBe('smoothgrad');
  });

  it('Ctrl-C stops cleanly: exit 130, the complete inputs and their summary kept, no partial file', async () => {
    await writeFile(
      join(dir, 'slow.yaml'),
      'model: model/model.json\nbackend: cpu\ninputs: [images]\nbatchSize: 1\nexplainers: [[occlusion, {patch: 1, batchSize: 1}]]\nrenderers: [json, png, html]\nout: out-int\n',
    );
    let sent = false;
    const r = await visor(['run', 'slow.yaml'], dir, (chunk, child) => {
      if (!sent && /occlusion: \d+/.test(chunk)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    const said = /interrupted: kept (\d+) of (\d+) input\(s\) complete in out-int .*visor run --resume <config> explains the other (\d+)/.exec(r.stderr);
    expect(said, r.stderr).not.toBeNull();
    const [kept, total, rest] = said!.slice(1).map(Number);
    expect(total).toBe(2); // cat.png, dog.png (hidden files are not inputs)
    expect(kept! + rest!).toBe(2);
    const files = await listFiles(join(dir, 'out-int'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['report.html', 'results.csv', 'results.jsonl', '.visor/run.json']));
    // every kept input has its record and its files; nothing else was written for the others
    expect(files.filter((f) => /^[^/]+\.json$/.test(f))).toHaveLength(kept!);
    expect(files.filter((f) => f.startsWith('.visor/inputs/'))).toHaveLength(kept!);
    expect((await readFile(join(dir, 'out-int', 'results.jsonl'), 'utf8')).trim().split('\n').filter(Boolean)).toHaveLength(kept!);
  });
});

describe('visor on the bundled demo', () => {
  const demo = join(root, 'examples/demo');
  it('explain: all three families for the top-3 classes, PNG + JSON + HTML', async () => {
    const out = join(dir, 'demo-explain');
    const r = await visor(
      [
        'explain',
        join(demo, 'images/02-square.png'),
        '--model',
        join(demo, 'models/clean/model.json'),
        '--method',
        'cam,occlusion,guided-backprop',
        '--top',
        '3',
        '--preprocess',
        'tf',
        '--labels',
        join(demo, 'labels.json'),
        '--set',
        'occlusion.patch=12',
        '--set',
        'occlusion.stride=6',
        '--out',
        out,
      ],
      root,
    );
    expect(r.code).toBe(0);
    const files = await listFiles(out);
    const doc = JSON.parse(await readFile(join(out, '02-square.json'), 'utf8'));
    expect(doc.predictions[0].label).toBe('square');
    expect(doc.backend).toBe('onnx'); // auto: ONNX Runtime runs the converted TF.js model
    const top3: number[] = doc.predictions.slice(0, 3).map((p: { classIndex: number }) => p.classIndex);
    for (const m of ['cam', 'occlusion', 'guided-backprop']) for (const k of top3) expect(files).toContain(`02-square/${m}-${k}.png`);
    expect(files).toContain('02-square/grid.png');
    expect(files).toContain('02-square/occlusion-patches.png');
    expect(files).toContain('report.html');
  });

  it('run examples/demo.yaml: both models, every image, every method', async () => {
    const out = join(dir, 'demo-run');
    const r = await visor(['run', join(root, 'examples/demo.yaml'), '--out', out, '--quiet'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = await listFiles(out);
    for (const model of ['clean', 'clever-hans']) {
      expect(files).toContain(`${model}/report.html`);
      for (const img of ['01-circle-watermark', '06-square-watermark', '08-circle']) {
        expect(files).toContain(`${model}/${img}.json`);
        expect(files).toContain(`${model}/${img}/grid.png`);
      }
      const doc = JSON.parse(await readFile(join(out, model, '06-square-watermark.json'), 'utf8'));
      expect(doc.explanations.map((e: { method: string }) => e.method)).toEqual(
        ['cam', 'grad-cam', 'grad-cam++', 'occlusion', 'guided-backprop', 'guided-grad-cam'].flatMap((m) => [m, m, m]),
      );
    }
    // The diagnosis the demo exists for: the watermark turns a square into a "circle" for clever-hans only.
    const top = async (model: string) => JSON.parse(await readFile(join(out, model, '06-square-watermark.json'), 'utf8')).predictions[0].label;
    expect(await top('clean')).toBe('square');
    expect(await top('clever-hans')).toBe('circle');

    // The demo's report opens from disk in a real browser with no error; its screenshot goes to test-output/.
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing (CI is set): apt-get install -y chromium`);
      console.warn(`demo report screenshot skipped: ${CHROMIUM} not found`);
      return;
    }
    const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      ...CHROMIUM_LAUNCH,
      viewport: { width: 1400, height: 1000 },
    });
    try {
      await mkdir(join(root, 'test-output'), { recursive: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(join(out, 'clever-hans', 'report.html')).href);
      await page.waitForSelector('body[data-ready]');
      expect(await page.locator('#inputs tbody tr').count()).toBe(8);
      await page.screenshot({ path: join(root, 'test-output', 'demo-index.png'), fullPage: true });
      await page.locator('#inputs a', { hasText: '06-square-watermark' }).click();
      await page.waitForSelector('body[data-ready]');
      expect(errors).toEqual([]);
      expect(await page.locator('canvas.overlay').count()).toBe(6 * 3);
      await mkdir(join(root, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-output', 'demo-report.png') });
    } finally {
      await context.close();
    }
  });
});

describe('visor with worker threads', () => {
  const demo = join(root, 'examples/demo');
  const strip = (s: string) => {
    const d = JSON.parse(s);
    expect(d).not.toHaveProperty('startedAt'); // the documents are deterministic
    return d;
  };
  async function runWith(workers: number, inputs: string, out: string) {
    const file = join(dir, `workers-${workers}-${out}.yaml`);
    await writeFile(
      file,
      `model: ${join(demo, 'models/clever-hans/model.json')}\nbackend: wasm\npreprocess: tf\nlabels: ${join(demo, 'labels.json')}\ninputs: [${inputs}]\ntargets: { top: 2 }\nworkers: ${workers}\nbatchSize: 4\nexplainers:\n  - cam\n  - [occlusion, { patch: 8, stride: 4, batchSize: 8 }]\n  - guided-backprop\nrenderers: [json]\nout: ${join(dir, out)}\n`,
    );
    const r = await visor(['run', file, '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }

  it('many inputs spread image by image over 2 workers give the same JSON as one thread', async () => {
    await runWith(1, `${demo}/images/*.png`, 'w1-many');
    await runWith(2, `${demo}/images/*.png`, 'w2-many');
    const names = (await listFiles(join(dir, 'w1-many'))).filter((f) => /^[^/]+\.json$/.test(f));
    expect(names).toHaveLength(8);
    expect((await listFiles(join(dir, 'w2-many'))).filter((f) => /^[^/]+\.json$/.test(f))).toEqual(names);
    expect(await readFile(join(dir, 'w2-many', 'results.jsonl'), 'utf8')).toBe(await readFile(join(dir, 'w1-many', 'results.jsonl'), 'utf8'));
    for (const n of names) expect(strip(await readFile(join(dir, 'w2-many', n), 'utf8')), n).toEqual(strip(await readFile(join(dir, 'w1-many', n), 'utf8')));
  });

  it('one input: occlusion batches scored by 2 workers give the same JSON as one thread', async () => {
    await runWith(1, `${demo}/images/06-square-watermark.png`, 'w1-one');
    await runWith(2, `${demo}/images/06-square-watermark.png`, 'w2-one');
    const a = strip(await readFile(join(dir, 'w1-one', '06-square-watermark.json'), 'utf8'));
    const b = strip(await readFile(join(dir, 'w2-one', '06-square-watermark.json'), 'utf8'));
    expect(b).toEqual(a);
    expect(a.explanations.filter((e: { method: string }) => e.method === 'occlusion')).toHaveLength(2);
  });
});
