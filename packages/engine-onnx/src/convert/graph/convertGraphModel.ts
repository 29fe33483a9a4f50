import type { OnnxModelSpec } from '../../OnnxModelSpec.js';
import { modelError } from '../modelError.js';
import type { TfjsArtifacts } from '../TfjsArtifacts.js';

export function convertGraphModel(_artifacts: TfjsArtifacts, file: string): OnnxModelSpec {
  throw modelError(file, 'graph models: not yet');
}
