import type { RgbaImage } from '../contracts/RgbaImage.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { fitToModel } from '../preprocess/fitToModel.js';
import { inputError } from '../io/inputError.js';
import { readInput } from '../io/readInput.js';
import { toChannels } from '../io/toChannels.js';
import { applyPreprocess } from '../preprocess/applyPreprocess.js';
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
): Promise<PreparedInput> {
  const decoded = await readInput(path);
  const [mh, mw, mc] = model.inputShape;
  if (decoded.kind === 'array' && decoded.channels !== mc) {
    throw inputError(path, `has ${decoded.channels} channel(s) but the model ${model.source} takes ${mc}`, `Save the array as H×W×${mc}.`);
  }
  const converted = decoded.kind === 'image' && decoded.channels !== mc ? toChannels(decoded, mc) : decoded;
  const height = mh ?? converted.height;
  const width = mw ?? converted.width;
  const fitted = fitToModel(converted, { height, width }, resize);
  const data = decoded.kind === 'image' ? applyPreprocess(fitted.data, mc, preprocess) : fitted.data;
  return { path, shape: [height, width, mc], data, original: decoded.display, modelView: fitted.modelView, crop: fitted.crop };
}
