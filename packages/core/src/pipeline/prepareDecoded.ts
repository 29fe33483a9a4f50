import type { VisorModel } from '../contracts/VisorModel.js';
import type { DecodedInput } from '../io/DecodedInput.js';
import { inputError } from '../io/inputError.js';
import { toChannels } from '../io/toChannels.js';
import { applyPreprocess } from '../preprocess/applyPreprocess.js';
import { fitToModel } from '../preprocess/fitToModel.js';
import type { ResolvedPreprocess } from '../preprocess/PreprocessSpec.js';
import type { PreparedInput } from './prepareInput.js';

/**
 * A decoded input made ready for the model: channels converted, resized/cropped to the model's input and
 * preprocessed. What `prepareInput` does after reading the file; the browser app calls it on bytes it decoded.
 */
export function prepareDecoded(
  decoded: DecodedInput,
  model: VisorModel,
  preprocess: ResolvedPreprocess,
  resize: 'stretch' | 'center-crop',
  inputSize?: [number, number],
): PreparedInput {
  const { path } = decoded;
  const [mh, mw, mc] = model.inputShape;
  if (decoded.kind === 'array' && decoded.channels !== mc) {
    throw inputError(path, `has ${decoded.channels} channel(s) but the model ${model.source} takes ${mc}`, `Save the array as H×W×${mc}.`);
  }
  const converted = decoded.kind === 'image' && decoded.channels !== mc ? toChannels(decoded, mc) : decoded;
  // A model that takes any size: the config's inputSize when given, else the input's own size.
  const height = mh ?? inputSize?.[0] ?? converted.height;
  const width = mw ?? inputSize?.[1] ?? converted.width;
  const fitted = fitToModel(converted, { height, width }, resize);
  const data = decoded.kind === 'image' ? applyPreprocess(fitted.data, mc, preprocess) : fitted.data;
  return { path, shape: [height, width, mc], data, original: decoded.display, modelView: fitted.modelView, crop: fitted.crop };
}
