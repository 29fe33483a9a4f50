import { guardedRatio } from './starvation.js';

/** Largest RSS growth (MB) over the RSS runs that still counts as none (allocator noise; a leaked gradient per call is ≥ 0.6 MB × runs). */
export const RSS_NOISE_MB = 16;

/**
 * The targets of issues 13–15 for the ONNX engine, on the torchvision export (the network PyTorch runs),
 * as ratios measured in the same run. `find(engine, method)` returns a case of this model.
 */
export const TARGETS = [
  { id: 'occlusion', text: 'occlusion 7×7 end to end ≤ 0.5× PyTorch', method: 'occlusion-7x7', versus: 'pytorch', max: 0.5 },
  { id: 'cam', text: 'CAM ≤ 1.1× one ONNX forward pass', method: 'cam', versus: 'forward', max: 1.1 },
  { id: 'guided', text: 'guided backprop ≤ 0.5× PyTorch', method: 'guided-backprop', versus: 'pytorch', max: 0.5 },
  { id: 'grad-cam', text: 'Grad-CAM ≤ 1.0× PyTorch', method: 'grad-cam', versus: 'pytorch', max: 1.0 },
  { id: 'rss', text: `no RSS growth over guided backprop + Grad-CAM calls (≤ ${RSS_NOISE_MB} MB)`, method: 'rss' },
  { id: 'deletion', text: 'deletion + insertion, ×floor (reported, no target)', method: 'deletion-insertion', versus: 'floor' },
];

/** One target on one model: `{ value, pass, note }`, or `{ busy }` / `{ missing }`. */
export function evaluateTarget(target, find, maxBusy) {
  const onnx = find('onnx', target.method);
  if (!onnx) return { missing: true };
  if (target.method === 'rss') {
    const r = onnx.case.rss;
    if (!r) return { missing: true };
    return {
      value: r.growthMB,
      pass: r.growthMB <= RSS_NOISE_MB,
      note: `${r.beforeMB} → ${r.afterMB} MB over ${r.runs} calls, peak ${onnx.case.peakRssMB} MB`,
    };
  }
  if (target.versus === 'floor') {
    const c = onnx.case;
    const g = guardedRatio(c.time, onnx.threads, c.floorTime ? { ...c.floorTime, median: c.floorMs } : undefined, onnx.threads, maxBusy);
    if (g.busy || g.missing) return g;
    return { value: g.ratio, note: c.floor };
  }
  const ref = target.versus === 'pytorch' ? find('pytorch', target.method) : find('onnx', 'forward');
  if (!ref) return { missing: true, note: target.versus === 'pytorch' ? 'no PyTorch result' : 'no forward result' };
  const g = guardedRatio(onnx.case.time, onnx.threads, ref.case.time, ref.threads, maxBusy);
  if (g.busy || g.missing) return g;
  return { value: g.ratio, pass: g.ratio <= target.max };
}
