import { IMAGENET_LABELS } from '../labels/imagenetLabels.js';
import { loadLabels } from '../labels/loadLabels.js';
import { VisorError } from '../errors/VisorError.js';

/**
 * The class names for a model: `imagenet`, a user file, or (when not given) ImageNet's for a 1000-class model
 * and `class N` otherwise. A label file whose length differs from the model's class count is refused.
 */
export async function resolveLabels(spec: string | undefined, numClasses: number): Promise<string[]> {
  if (spec === undefined) return numClasses === 1000 ? [...IMAGENET_LABELS] : Array.from({ length: numClasses }, (_, i) => `class ${i}`);
  const labels = spec === 'imagenet' ? [...IMAGENET_LABELS] : await loadLabels(spec);
  if (labels.length !== numClasses) {
    throw new VisorError(`The labels ${spec} name ${labels.length} classes but the model has ${numClasses}.`, {
      code: 'config',
      file: spec === 'imagenet' ? undefined : spec,
      hint: 'Give a labels file with one name per model output.',
    });
  }
  return labels;
}
