import { VisorError } from '@visor/core';

/**
 * The page's "Input size" field as the config's `inputSize` ([height, width], for ONNX models whose file leaves the
 * spatial size free): empty → none; `224` → [224, 224]; `224×160`, `224x160`, `224, 160` or `224 160` → [224, 160].
 * Anything else is a VisorError (code `usage`) quoting the text.
 */
export function parseInputSize(text: string): [number, number] | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /^(\d+)(?:\s*(?:[x×,]|\s)\s*(\d+))?$/i.exec(t);
  const h = m ? Number(m[1]) : NaN;
  const w = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(h >= 1 && w >= 1 && Number.isSafeInteger(h) && Number.isSafeInteger(w))) {
    throw new VisorError(`Input size "${t}" is not a size`, { code: 'usage', hint: 'give height × width in pixels, e.g. 224 or 224×160, or leave it empty' });
  }
  return [h, w];
}
