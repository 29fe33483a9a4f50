import {
  IMAGENET_LABELS,
  Registry,
  VisorError,
  decodeInputBytes,
  explainBatch,
  fitMask,
  headView,
  isVisorError,
  parseLabels,
  prepareDecoded,
  resolvePreprocess,
  validateOptions,
  type BatchInput,
  type InputFailure,
  type InputReport,
  type NdArray,
  type OutputActivation,
  type ProgressEvent,
  type RunReport,
  type VisorModel,
  type VisorPlugin,
} from '@visor/core';
import { onnxEngine } from '@visor/engine-onnx';
import { tfjsModelFromSource } from '@visor/engine-tfjs';
import camPlugin from '@visor/plugin-cam';
import guidedBpPlugin from '@visor/plugin-guided-bp';
import metricsPlugin from '@visor/plugin-metrics';
import occlusionPlugin from '@visor/plugin-occlusion';
import { jsonRenderer, renderGrid } from '@visor/renderers';
import { encode } from 'fast-png';
import type { ContributionInfo, DisplayInput, FileBytes, ModelInfo, RunRequest, WebBackend } from '../protocol.js';
import { decodePngBytes } from './decodePngBytes.js';
import { displayInput } from './displayInput.js';
import { modelFromFiles } from './modelFromFiles.js';
import { parseInputSize } from './parseInputSize.js';
import { selectOnnxRuntime } from './selectOnnxRuntime.js';
import { selectWebBackend } from './selectWebBackend.js';
import { matchKey } from '../maskNames.js';
import { stemsOf } from './stemsOf.js';
import { tooBig } from './tooBig.js';
import { nextTask, yieldingModel } from './yieldingModel.js';

/** What a run tells its caller as it goes. */
export interface RunListener {
  progress(event: ProgressEvent): void;
  input(input: DisplayInput): void;
  failure(failure: InputFailure): void;
}

const info = (c: { id: string; description: string; optionsSchema: Record<string, unknown>; defaults: unknown }): ContributionInfo => ({
  id: c.id,
  description: c.description,
  optionsSchema: c.optionsSchema,
  defaults: c.defaults as Record<string, unknown>,
});

/**
 * Everything the worker holds: the registry of the method plugins, the loaded model and its labels, and the
 * last run's report (for the JSON and PNG exports). Runs go through core's `explainBatch`, the code the CLI's
 * Pipeline runs, one input at a time so results stream to the page.
 */
export class WorkerSession {
  readonly registry = new Registry(webPlugins);
  private model: VisorModel | null = null;
  private modelInfo: ModelInfo | null = null;
  private labels: string[] = [];
  private report: RunReport | null = null;

  catalog(): { explainers: ContributionInfo[]; metrics: ContributionInfo[] } {
    return {
      explainers: [...this.registry.explainers().values()].map(info),
      metrics: [...this.registry.metrics().values()].map(info),
    };
  }

  /** Replaces the model (the old one is freed first, so two never share the memory). */
  async loadModel(files: FileBytes[], backend: WebBackend, labelsText: string | null, outputActivation: string, inputSizeText = ''): Promise<ModelInfo> {
    await this.model?.dispose();
    this.model = null;
    this.modelInfo = null;
    this.report = null;
    const inputSize = parseInputSize(inputSizeText);
    const source = await modelFromFiles(files);
    let built: VisorModel;
    let reason: string;
    if (source.kind === 'onnx' || backend === 'onnx') {
      // An .onnx file always runs on ONNX Runtime; a TF.js model does when asked (converted to ONNX in memory,
      // as the CLI's `backend: onnx` does).
      const runtime = selectOnnxRuntime();
      reason = source.kind === 'onnx' && backend !== 'onnx' ? `${runtime.reason}; an .onnx model runs on ONNX Runtime, not on ${backend}` : runtime.reason;
      try {
        built = await onnxEngine.load(source, { backend: 'onnx', threads: runtime.threads, ...(inputSize ? { inputSize } : {}) });
      } catch (e) {
        throw tooBig(e, source.file) ?? e;
      }
    } else {
      const chosen = await selectWebBackend(backend);
      reason = chosen.reason;
      try {
        built = await tfjsModelFromSource(source, chosen.reason);
      } catch (e) {
        throw tooBig(e, source.file) ?? e;
      }
    }
    let model: VisorModel;
    try {
      model = headView(built, outputActivation as OutputActivation);
    } catch (e) {
      await built.dispose();
      throw e;
    }
    try {
      this.labels = labelsFor(labelsText, model.numClasses);
    } catch (e) {
      await model.dispose();
      throw e;
    }
    this.model = model;
    const weightBytes = files.filter((f) => !/\.json$/i.test(f.name)).reduce((n, f) => n + f.bytes.byteLength, 0);
    this.modelInfo = {
      source: model.source,
      format: model.format,
      engine: model.engine,
      engineReason: model.engineReason ?? reason,
      inputShape: [null, ...model.inputShape],
      numClasses: model.numClasses,
      finalActivation: model.finalActivation,
      layers: model.layers().length,
      weightBytes,
      labels: this.labels,
    };
    return this.modelInfo;
  }

  /** Validates every option with its plugin's schema (defaults applied, as the CLI's config does), then runs input by input. */
  async run(request: RunRequest, signal: AbortSignal, listener: RunListener): Promise<{ inputs: number; failures: number }> {
    const model = this.model;
    const modelInfo = this.modelInfo;
    if (!model || !modelInfo) throw new VisorError('No model is loaded.', { code: 'usage', hint: 'Load the demo model or drop a model first.' });
    if (request.explainers.length === 0) throw new VisorError('No method is selected.', { code: 'usage', hint: 'Tick at least one method.' });
    if (request.inputs.length === 0) throw new VisorError('No image is loaded.', { code: 'usage', hint: 'Drop images or load the demo images.' });
    const explainers = request.explainers.map(({ id, options }) => {
      const explainer = this.registry.explainer(id);
      return { id, options: validateOptions(explainer, options, { file: `options of ${id}` }) as Record<string, unknown>, explainer };
    });
    const metrics = request.metrics.map(({ id, options }) => {
      const metric = this.registry.metric(id);
      return { id, options: validateOptions(metric, options, { file: `options of ${id}` }) as Record<string, unknown>, metric };
    });
    const preprocess = resolvePreprocess(request.preprocess as Parameters<typeof resolvePreprocess>[0]);
    const stems = stemsOf(request.inputs.map((f) => f.name));
    const masks = new Map(request.masks.map((m) => [matchKey(m.name), m]));
    const startedAt = new Date().toISOString();
    const runModel = yieldingModel(model);
    const inputs: InputReport[] = [];
    const failures: InputFailure[] = [];
    const total = request.inputs.length;
    this.report = null;
    listener.progress({ stage: 'inputs', done: 0, total });
    for (const [i, file] of request.inputs.entries()) {
      await nextTask();
      if (signal.aborted) throw new VisorError('Run cancelled.', { code: 'aborted' });
      let prepared: BatchInput;
      try {
        const decoded = decodeInputBytes(file.bytes, file.name, decodePngBytes);
        const input = prepareDecoded(decoded, model, preprocess, request.resize);
        const maskFile = masks.get(matchKey(file.name));
        prepared = { ...input, stem: stems[i]!, mask: maskFile ? maskOf(maskFile, file.name, input.shape, request.resize) : null };
      } catch (e) {
        if (!isVisorError(e) || e.code !== 'input') throw e;
        const failure = { path: file.name, message: e.message };
        failures.push(failure);
        listener.failure(failure);
        listener.progress({ stage: 'inputs', done: i + 1, total });
        continue;
      }
      let report: InputReport;
      try {
        const reports = await explainBatch([prepared], inputs.length, {
          model: runModel,
          labels: this.labels,
          targets: request.targets,
          explainers,
          metrics,
          progress: listener.progress,
          signal,
        });
        report = reports[0]!; // one report per prepared input
      } catch (e) {
        if (isVisorError(e) && e.code === 'aborted') throw new VisorError('Run cancelled.', { code: 'aborted' });
        throw e;
      }
      inputs.push(report);
      listener.input(displayInput(report, inputs.length - 1, request.displayWidth));
      listener.progress({ stage: 'inputs', done: i + 1, total });
    }
    this.report = {
      model: {
        source: modelInfo.source,
        format: modelInfo.format,
        inputShape: modelInfo.inputShape,
        numClasses: modelInfo.numClasses,
        finalActivation: modelInfo.finalActivation,
      },
      backend: model.engine,
      backendReason: modelInfo.engineReason,
      preprocess: { spec: request.preprocess, ...preprocess },
      explainers: explainers.map((e) => ({ id: e.id, options: e.options })),
      metrics: metrics.map((m) => ({ id: m.id, options: m.options })),
      inputs,
      failures,
      startedAt,
    };
    return { inputs: inputs.length, failures: failures.length };
  }

  /** The CLI's JSON output of the last run: one `visor/explanation@1` document per input, `<stem>.json`. */
  async exportJson(): Promise<{ name: string; type: string; data: string }[]> {
    const report = this.lastReport();
    const files: { name: string; type: string; data: string }[] = [];
    await jsonRenderer.render(report, {
      options: { includeExtras: false, pretty: false },
      outDir: '.',
      write: async (name, data) => {
        files.push({ name, type: 'application/json', data: typeof data === 'string' ? data : new TextDecoder().decode(data) });
      },
      progress: () => undefined,
      signal: new AbortController().signal,
    });
    return files;
  }

  /** The CLI's `grid.png` of one input (renderers' `renderGrid`), with the page's colormap and opacity. */
  exportPng(index: number, colormap: string, alpha: number, tileSize: number): { name: string; type: string; data: Uint8Array } {
    const report = this.lastReport();
    const input = report.inputs[index];
    if (!input) throw new VisorError(`The last run has no input ${index}.`, { code: 'usage' });
    const grid = renderGrid(input, { colormap: colormap, alpha, normalize: 'auto', percentile: 99.5, tileSize });
    if (!grid) throw new VisorError(`${input.stem}: nothing was explained, so there is no grid.`, { code: 'usage' });
    return {
      name: `${input.stem}-grid.png`,
      type: 'image/png',
      data: encode({ width: grid.width, height: grid.height, data: grid.data, channels: 4, depth: 8 }),
    };
  }

  private lastReport(): RunReport {
    if (!this.report) throw new VisorError('Nothing to export: run the methods first (or the last run was cancelled).', { code: 'usage' });
    return this.report;
  }
}

/** A ground-truth mask fitted to its input (core's `fitMask`); one that cannot be read is the input's failure, naming both. */
function maskOf(mask: FileBytes, input: string, shape: [number, number, number], resize: 'stretch' | 'center-crop'): NdArray {
  let decoded;
  try {
    decoded = decodeInputBytes(mask.bytes, mask.name, decodePngBytes);
  } catch (e) {
    throw new VisorError(`${input}: its mask ${mask.name} cannot be read: ${(e as Error).message}`, { code: 'input', file: mask.name, cause: e });
  }
  return fitMask(decoded, { height: shape[0], width: shape[1] }, resize);
}

/** Class names: a dropped labels file, ImageNet's for a 1000-class model, `class N` otherwise. */
function labelsFor(text: string | null, numClasses: number): string[] {
  if (text === null) return numClasses === 1000 ? [...IMAGENET_LABELS] : Array.from({ length: numClasses }, (_, i) => `class ${i}`);
  const labels = parseLabels(text, 'labels file');
  if (labels.length !== numClasses) {
    throw new VisorError(`The labels file names ${labels.length} classes but the model has ${numClasses}.`, {
      code: 'config',
      hint: 'Give a labels file with one name per model output, or none.',
    });
  }
  return labels;
}

/** The method and metric plugins the page runs: the CLI's first-party ones, engines and file renderers aside. */
const webPlugins: VisorPlugin[] = [camPlugin, occlusionPlugin, guidedBpPlugin, metricsPlugin];
