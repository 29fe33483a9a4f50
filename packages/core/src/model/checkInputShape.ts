import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError } from '../errors/VisorError.js';

const fmt = (s: readonly (number | null)[]) => s.map((d) => (d === null ? '?' : String(d))).join('×');

/**
 * Throws a VisorError (code 'input') when an input of shape [H, W, C] (or [N, H, W, C]) does not
 * fit the model's input [H, W, C] (a null model dimension accepts any size). Names both shapes.
 */
export function checkInputShape(model: VisorModel, shape: readonly number[], file?: string): void {
  if (shape.length !== 3 && shape.length !== 4) {
    throw new VisorError(
      `${file ? `${file}: ` : ''}input has shape [${shape.join(', ')}]; expected [height, width, channels] or [batch, height, width, channels]`,
      {
        code: 'input',
        file,
      },
    );
  }
  const hwc = shape.slice(-3);
  const want = model.inputShape;
  const ok = want.every((d, i) => d === null || d === hwc[i]);
  if (!ok) {
    const where = file ? `${file}: ` : '';
    throw new VisorError(`${where}input is ${fmt(hwc)} (H×W×C) but the model ${model.source} expects ${fmt(want)}`, {
      code: 'input',
      file,
      hint: hwc[2] !== want[2] ? `convert the image to ${want[2]} channel(s)` : 'resize the input to the model size (or enable resizing in the config)',
    });
  }
}
