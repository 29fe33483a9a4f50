import type { RgbaImage } from '../contracts/RgbaImage.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { readInput } from '../io/readInput.js';
import { prepareDecoded } from './prepareDecoded.js';
import type { ResolvedPreprocess } from '../preprocess/PreprocessSpec.js';

/** One input decoded once, fitted to the model and preprocessed: what the batch tensor is made of. */
export interface PreparedInput {
  path: string;
  /** [H, W, C] of `data`. */
  shape: [number, number, number];
  /** Model-space values, H×W×C. */
  data: Float32Array;
  original: RgbaImage | null;
  modelView: RgbaImage | null;
  crop: { x: number; y: number; width: number; height: number };
}

/** Decodes a file, converts channels, resizes to the model's input and applies the preprocessing. */
export async function prepareInput(
  path: string,
  model: VisorModel,
  preprocess: ResolvedPreprocess,
  resize: 'stretch' | 'center-crop',
  inputSize?: [number, number],
): Promise<PreparedInput> {
  return prepareDecoded(await readInput(path), model, preprocess, resize, inputSize);
}
