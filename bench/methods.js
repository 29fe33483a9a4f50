/**
 * What the bench measures, per model and engine. Every case is one image (the top-1 class as the
 * target) unless it says otherwise; PyTorch's counterpart (bench/torch_bench.py) does the same work.
 *
 * kind:
 * - `forward`: `model.run(x, ['logits'])` on a batch of `batch` copies, reported per image;
 * - `explainer`: the plugin's explainer called as the pipeline calls it (shared predictions computed
 *   beforehand, not timed), end to end: maps, heatmaps, copies;
 * - `metrics`: plugin-metrics' `deletion` then `insertion` on a Grad-CAM explanation made beforehand;
 * - `rss`: peak RSS, and RSS across `--rss-runs` calls of guided backprop + Grad-CAM.
 *
 * floor: the forward passes the method cannot avoid (measured in the same process):
 * - `forward`: one forward pass, batch 1;
 * - `windows`: the method's images × forward(batch B) / B at the batch B it uses.
 */
export const METHODS = {
  forward: {
    label: 'forward, batch 1',
    kind: 'forward',
    batch: 1,
    torch: 'forward_batch1',
  },
  'forward-b16': {
    label: 'forward, batch 16, per image',
    kind: 'forward',
    batch: 16,
    torch: 'forward_batch16',
  },
  cam: {
    label: 'CAM',
    kind: 'explainer',
    explainer: 'cam',
    options: () => ({}),
    floor: 'forward',
    torch: 'cam',
  },
  'grad-cam': {
    label: 'Grad-CAM',
    kind: 'explainer',
    explainer: 'grad-cam',
    options: () => ({}),
    floor: 'forward',
    torch: 'grad_cam',
  },
  'guided-backprop': {
    label: 'guided backprop',
    kind: 'explainer',
    explainer: 'guided-backprop',
    options: () => ({}),
    floor: 'forward',
    torch: 'guided_backprop',
  },
  'occlusion-7x7': {
    label: 'occlusion 7×7 (patch 32, stride 32)',
    kind: 'explainer',
    explainer: 'occlusion',
    // 7×7 windows without overlap: patch = stride = ⌈size / 7⌉ (32 at 224×224, as PyTorch's case).
    options: (size) => ({ patch: Math.ceil(size / 7), stride: Math.ceil(size / 7) }),
    floor: 'windows',
    long: true,
    torch: 'occlusion_7x7',
  },
  'deletion-insertion': {
    label: 'deletion + insertion (20 steps)',
    kind: 'metrics',
    metrics: ['deletion', 'insertion'],
    options: { steps: 20 },
    floor: 'windows',
    long: true,
    torch: 'deletion_insertion_20',
  },
  rss: {
    label: 'RSS over guided backprop + Grad-CAM calls',
    kind: 'rss',
  },
};

export const METHOD_IDS = Object.keys(METHODS);
