import { explainerConformance } from '@visor/core/testing';
import { tf, wrapLayersModel, type TfjsModel } from '@visor/engine-tfjs';
import { beforeAll } from 'vitest';
import { guidedBackprop } from './guidedBackprop.js';
import { guidedGradCam } from './guidedGradCam.js';
import { residualCnn } from './residualCnn.testkit.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let model: TfjsModel | undefined;
const shared = () => (model ??= wrapLayersModel(residualCnn(3), 'residual CNN'));

explainerConformance(guidedBackprop, {
  model: shared,
  invalidOptions: [{ rule: 'gided' }, { reduce: 'sum' }, { score: 'prob' }, { rule: 'guided', extra: 1 }],
});
explainerConformance(guidedBackprop, {
  model: shared,
  options: { rule: 'deconvnet', reduce: 'l2', score: 'probability' },
  invalidOptions: [{ rule: 1 }],
});
explainerConformance(guidedGradCam, {
  model: shared,
  invalidOptions: [{ upsample: 'none' }, { layer: '' }, { reduce: 'max' }],
});
explainerConformance(guidedGradCam, {
  model: shared,
  options: { layer: 'add_relu', upsample: 'nearest' },
  invalidOptions: [{ layer: 3 }],
});
