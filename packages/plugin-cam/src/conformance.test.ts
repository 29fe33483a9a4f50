import { afterAll, beforeAll } from 'vitest';
import { explainerConformance } from '@visor/core/testing';
import { tf, type TfjsModel } from '@visor/engine-tfjs';
import { cam } from './cam.js';
import { gradCam } from './gradCam.js';
import { gradCamPlusPlus } from './gradCamPlusPlus.js';
import { residualModel } from './testing/tinyModels.js';

let model: TfjsModel | undefined;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await model?.dispose();
});

for (const explainer of [cam, gradCam, gradCamPlusPlus]) {
  explainerConformance(explainer, {
    model: () => (model ??= residualModel()),
    invalidOptions: [{ upsample: 'cubic' }, { score: 'softmax' }, { relu: 1 }, { layer: '' }],
    batch: 2,
    targetsPerInput: 3,
  });
}
