import type { BackendName } from './backendNames.js';

/** How a config names a plugin contribution: `id`, `[id, options]` or `{ id: options }`. */
export type ContributionEntry = string | [string, Record<string, unknown>?] | Record<string, Record<string, unknown>>;

/** Preprocessing preset or explicit normalisation. */
export type PreprocessConfig = 'caffe' | 'tf' | 'torch' | 'none' | { scale?: number; mean?: number[]; std?: number[]; channelOrder?: 'rgb' | 'bgr' };

export type TargetsConfig = { top: number } | { classes: (number | string)[] };

/** The config file, as written (after YAML parsing and base-schema validation). */
export interface VisorConfig {
  /** A model file (TF.js model.json, .onnx, .h5, .keras), or several by name (each explained in turn, into out/<name>/). */
  model: string | Record<string, string>;
  /** `auto` or a backend an engine lists (BackendName is any string: engines are plugins). */
  backend?: BackendName;
  outputActivation?: 'auto' | 'softmax' | 'sigmoid' | 'linear';
  threads?: number;
  inputSize?: [number, number];
  preprocess?: PreprocessConfig;
  resize?: 'stretch' | 'center-crop';
  inputs: string[];
  /** Ground-truth masks for the localisation metrics: `./masks/{name}.png`, or { input: mask } pairs. */
  masks?: string | Record<string, string>;
  labels?: string;
  targets?: TargetsConfig;
  plugins?: string[];
  explainers: ContributionEntry[];
  renderers?: ContributionEntry[];
  metrics?: ContributionEntry[];
  out?: string;
  batchSize?: number;
  workers?: number | 'auto';
}

/** One explainer or renderer chosen by the config, with its validated options (defaults applied). */
export interface ResolvedContribution {
  id: string;
  options: Record<string, unknown>;
}

/** A config with paths made absolute, defaults applied and every plugin option validated. */
export interface ResolvedConfig {
  /** The config file (absolute), or a description like `<command line>`. */
  file: string;
  /** The model file (absolute) this run explains. */
  model: string;
  /** Every model of the config, by name (name null for a single `model: path`); `model` is the first. */
  models: { name: string | null; path: string }[];
  /** `auto` or a backend an engine lists. */
  backend: BackendName;
  outputActivation: 'auto' | 'softmax' | 'sigmoid' | 'linear';
  threads?: number;
  inputSize?: [number, number];
  preprocess: PreprocessConfig;
  resize: 'stretch' | 'center-crop';
  inputs: string[];
  masks?: string | Record<string, string>;
  labels?: string;
  targets: TargetsConfig;
  plugins: string[];
  explainers: ResolvedContribution[];
  renderers: ResolvedContribution[];
  metrics: ResolvedContribution[];
  out: string;
  batchSize: number;
  workers: number | 'auto';
  /** The folder relative paths in the config are resolved against. */
  baseDir: string;
  /**
   * Where every registered plugin can be imported from (built-ins by package name, then the config's
   * `plugins:`), so worker threads can load the same plugins. Set by prepareRun.
   */
  pluginSources?: { spec: string; baseDir: string }[];
}
