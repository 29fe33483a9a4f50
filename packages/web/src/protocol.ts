import type { JsonSchema, ProgressEvent, RankedClass, RgbaImage } from '@visor/core';

/** A file handed to the worker: its name (a path inside a dropped folder, e.g. `clean/model.json`) and bytes. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** An explainer or metric the worker's plugins contribute, as the page needs it to build a form. */
export interface ContributionInfo {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: Record<string, unknown>;
}

/** What runs the model in the page: tfjs backends, or ONNX Runtime (onnxruntime-web; .onnx files always run there). */
export type WebBackend = 'wasm' | 'webgl' | 'cpu' | 'onnx';

export interface ModelInfo {
  source: string;
  format: string;
  engine: string;
  engineReason: string;
  inputShape: (number | null)[];
  numClasses: number;
  finalActivation: string;
  layers: number;
  weightBytes: number;
  labels: string[];
}

export interface RunRequest {
  inputs: FileBytes[];
  /** Ground-truth masks (for the pointing-game metrics), matched to inputs by name: `x.png` ↔ `x.mask.png` or `masks/x.png`. */
  masks: FileBytes[];
  preprocess: string;
  resize: 'stretch' | 'center-crop';
  targets: { top: number } | { classes: (number | string)[] };
  explainers: { id: string; options: Record<string, unknown> }[];
  metrics: { id: string; options: Record<string, unknown> }[];
  /** Width of a grid cell on the page (CSS pixels): the display maps are resampled to it. */
  displayWidth: number;
}

/** One heatmap as the page draws it (see `displayMap`). */
export interface DisplayCell {
  method: string;
  classIndex: number;
  label: string;
  score: number;
  scoreKind: string;
  layer: string | null;
  meaning: string;
  signed: boolean;
  /** The heatmap at its own resolution, for the value on hover. */
  width: number;
  height: number;
  values: Float32Array;
  /** Colormap table entry of every canvas pixel (canvas = the input's display size). */
  entries: Uint8Array;
}

export interface DisplayInput {
  index: number;
  stem: string;
  path: string;
  width: number;
  height: number;
  /** The picture as the model saw it, at width × height (RGBA); null without a picture. */
  base: RgbaImage | null;
  predictions: RankedClass[];
  classes: number[];
  methods: string[];
  cells: DisplayCell[];
  metrics: { metric: string; method: string; classIndex: number; name: string; value: number; meaning: string }[];
}

export type ToWorker =
  | { type: 'init'; id: number }
  | {
      type: 'load-model';
      id: number;
      files: FileBytes[];
      backend: WebBackend;
      labels: string | null;
      outputActivation: string;
      /** The "Input size" field as typed (the config's `inputSize`, for ONNX models with a free spatial size). */
      inputSize: string;
    }
  | { type: 'run'; id: number; request: RunRequest }
  | { type: 'cancel'; id: number; run: number }
  | { type: 'export-json'; id: number }
  | { type: 'export-png'; id: number; input: number; colormap: string; alpha: number; tileSize: number };

export type FromWorker =
  | { type: 'ready'; id: number; explainers: ContributionInfo[]; metrics: ContributionInfo[]; isolated: boolean }
  | { type: 'model'; id: number; info: ModelInfo }
  | { type: 'progress'; id: number; event: ProgressEvent }
  | { type: 'input'; id: number; input: DisplayInput }
  | { type: 'failure'; id: number; path: string; message: string }
  | { type: 'done'; id: number; inputs: number; failures: number; ms: number }
  | { type: 'files'; id: number; files: { name: string; type: string; data: string | Uint8Array }[] }
  | { type: 'error'; id: number; message: string; code: string; hint?: string };
