// Hand-built reports and an in-memory render context for the renderer tests (not part of the build).
import type { Explanation, ExplanationMap, InputReport, RenderContext, RgbaImage, RunReport } from '@visor/core';

export function mapOf(values: ArrayLike<number>, shape: number[], signed = false, meaning = 'test value'): ExplanationMap {
  const data = Float32Array.from(values);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { data, shape, range: [lo, hi], signed, meaning };
}

export function imageOf(width: number, height: number, px: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...px(x, y), 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

export function explanation(p: Partial<Explanation> & { heatmap: ExplanationMap }): Explanation {
  return {
    method: 'cam',
    inputIndex: 0,
    target: { classIndex: 1, label: 'cat', score: 0.75, scoreKind: 'probability' },
    options: {},
    raw: p.heatmap,
    ...p,
  };
}

export function inputReport(p: Partial<InputReport> & { explanations: Explanation[] }): InputReport {
  return {
    path: '/data/cat.png',
    stem: 'cat',
    original: null,
    modelView: null,
    crop: { x: 0, y: 0, width: 2, height: 2 },
    predictions: [
      { classIndex: 1, label: 'cat', logit: 3, probability: 0.75 },
      { classIndex: 0, label: 'dog', logit: 1.5, probability: 0.25 },
    ],
    ...p,
  };
}

export function runReport(inputs: InputReport[]): RunReport {
  return {
    model: { source: '/models/tiny/model.json', format: 'tfjs-layers', inputShape: [null, 2, 2, 3], numClasses: 2, finalActivation: 'softmax' },
    backend: 'cpu',
    preprocess: { mode: 'none' },
    explainers: [{ id: 'cam', options: {} }],
    inputs,
    failures: [],
    startedAt: '2026-11-25T17:00:00.000Z',
  };
}

/** A RenderContext that keeps written files in memory. */
export function memoryContext<O>(options: Partial<O>): { ctx: RenderContext<O>; files: Map<string, Uint8Array | string> } {
  const files = new Map<string, Uint8Array | string>();
  const ctx = {
    options: options as O,
    outDir: '/tmp/visor-test-out',
    async write(rel: string, data: Uint8Array | string) {
      if (rel.startsWith('/') || rel.split('/').includes('..')) throw new Error(`escapes outDir: ${rel}`);
      files.set(rel, data);
    },
    progress: () => {},
    signal: new AbortController().signal,
  };
  return { ctx, files };
}
