import { ENGINES, MODELS } from './benchModels.js';
import { METHOD_IDS, METHODS } from './methods.js';
import { fmtMs, fmtPct, table } from './stats.js';
import { guardedRatio, MAX_BUSY } from './starvation.js';
import { evaluateTarget, TARGETS } from './targets.js';

/** `find(engine, method)` over one model's runs: the case and the threads its engine used. */
export function finder(result, model) {
  return (engine, method) => {
    const run = result.runs.find((r) => r.model === model && r.engine === engine);
    const c = run?.cases.find((x) => x.method === method);
    return c ? { case: c, threads: run.threads } : undefined;
  };
}

const fmtRatio = (g) => (g.missing ? '—' : g.busy ? 'machine busy' : `${g.ratio.toFixed(2)}×`);

/** The text report of a bench result (bench/run.js prints it; --report re-prints a saved result). */
export function formatReport(result) {
  const maxBusy = result.settings.maxBusy ?? MAX_BUSY;
  const out = [];
  const m = result.machine;
  out.push(
    `Visor bench — ${m.nproc} cores (${m.cpu}), ${m.totalMemGiB} GiB, node ${m.node}, onnxruntime-node ${m.onnxruntime ?? '?'}, ${m.torch ? `torch ${m.torch}` : 'no PyTorch'}`,
    `load average ${m.loadavgAtStart.join(' / ')} at the start → ${m.loadavgAtEnd?.join(' / ') ?? '?'} at the end; ${result.startedAt} → ${result.finishedAt}`,
    `ratios are printed only where, on both sides, other processes took at most ${fmtPct(maxBusy)} of the cores while the case ran (/proc/stat); otherwise "machine busy"`,
    '',
  );
  for (const model of Object.keys(MODELS)) {
    const runs = result.runs.filter((r) => r.model === model);
    if (runs.length === 0) continue;
    const find = finder(result, model);
    out.push(`${MODELS[model].label} — one image, its top-1 class as the target; times per image (per target for gradient methods)`);
    const rows = [];
    for (const method of METHOD_IDS) {
      if (method === 'rss') continue;
      let first = true;
      for (const run of runs) {
        const c = run.cases.find((x) => x.method === method);
        if (!c?.time) continue;
        const t = c.time;
        const torch = run.engine === 'pytorch' ? undefined : find('pytorch', method);
        const vsTorch = torch ? fmtRatio(guardedRatio(t, run.threads, torch.case.time, torch.threads, maxBusy)) : '';
        const overFloor = c.floorTime ? fmtRatio(guardedRatio(t, run.threads, { ...c.floorTime, median: c.floorMs }, run.threads, maxBusy)) : '';
        rows.push([
          first ? METHODS[method].label : '',
          ENGINES[run.engine].label,
          fmtMs(t.median),
          `${fmtMs(t.min)}–${fmtMs(t.max)}`,
          t.runs,
          Number.isFinite(t.cpuOverWall) ? t.cpuOverWall.toFixed(2) : '—',
          fmtPct(t.othersShare),
          fmtPct(t.waitShare),
          t.load ? t.load.map((x) => x.toFixed(1)).join('→') : '',
          overFloor,
          vsTorch,
        ]);
        first = false;
      }
    }
    out.push(table(['method', 'engine', 'median', 'min–max', 'runs', 'cpu/wall', 'others', 'wait', 'load', '×floor', '÷PyTorch'], rows), '');
  }

  const memRows = [];
  for (const run of result.runs) {
    const c = run.cases.find((x) => x.method === 'rss');
    if (!c?.rss) continue;
    const r = c.rss;
    memRows.push([
      run.model,
      ENGINES[run.engine].label,
      `${c.peakRssMB} MB`,
      `${r.beforeMB} MB`,
      `${r.afterMB} MB`,
      r.runs,
      `${r.growthMB >= 0 ? '+' : ''}${r.growthMB} MB`,
      `${r.slopeMBPer100Calls} MB`,
      r.gc ? 'yes' : 'no',
    ]);
  }
  if (memRows.length) {
    out.push('Memory: RSS across calls of guided backprop + Grad-CAM (after warm-up; sampled after a GC)');
    out.push(table(['model', 'engine', 'peak RSS', 'before', 'after', 'calls', 'growth', 'per 100 calls', 'gc'], memRows), '');
  }

  const targetModels = ['resnet50', 'resnet152'].filter((model) => result.runs.some((r) => r.model === model && r.engine === 'onnx'));
  if (targetModels.length) {
    out.push('Targets (issues 13–15): the ONNX engine on the torchvision export, ratios measured in this run');
    const rows = TARGETS.map((target) => [
      target.text,
      ...targetModels.map((model) => {
        const v = evaluateTarget(target, finder(result, model), maxBusy);
        if (v.missing) return v.note ?? 'not measured';
        if (v.busy) return `machine busy (${v.busy})`;
        const value = target.method === 'rss' ? `${v.value >= 0 ? '+' : ''}${v.value} MB` : `${v.value.toFixed(2)}×`;
        return `${value}${v.pass === undefined ? '' : v.pass ? ' ✓' : ' ✗'}`;
      }),
    ]);
    out.push(table(['target', ...targetModels], rows), '');
  }

  if (result.skipped.length) {
    out.push('Skipped:');
    for (const s of result.skipped) out.push(`  ${s.model} on ${s.engine}: ${s.why}`);
    out.push('');
  }
  if (result.failures.length) {
    out.push('FAILED:');
    for (const f of result.failures) out.push(`  ${f.model} on ${f.engine}${f.method ? `, ${f.method}` : ''}: ${f.error}`);
    out.push('');
  }
  if (result.web) out.push(formatWeb(result.web), '');
  if (result.scale) out.push(result.scale.text ?? `scale: ${JSON.stringify(result.scale).slice(0, 400)}`, '');
  out.push(
    "Columns: median and min–max of the wall times; cpu/wall = CPU time of all the process's threads / wall time (≈ threads when",
    "it had its cores); others = share of all cores other processes took meanwhile (/proc/stat); wait = share of its threads'",
    'runnable time spent waiting for a core (schedstat; includes its own extra threads); load = 1-minute load average at the first and',
    'last run; ×floor = median / the forward passes the method cannot avoid (CAM, Grad-CAM, guided backprop: one forward pass;',
    "occlusion, deletion/insertion: images × forward(batch)/batch); ÷PyTorch = median / PyTorch's median for the same case, same run.",
  );
  return out.join('\n');
}

function formatWeb(web) {
  if (web.error) return `Web (in-page, bench/web.js): not run — ${web.error}`;
  const rows = [];
  for (const [model, r] of Object.entries(web.models ?? {})) {
    for (const [method, page] of Object.entries(r.page.methods)) {
      rows.push([
        model,
        method,
        fmtMs(page.median),
        fmtMs(r.node[method]?.median),
        r.node[method] ? `${(page.median / r.node[method].median).toFixed(2)}×` : '—',
      ]);
    }
  }
  return [
    `Web app in Chromium (${web.machine?.chromium ?? '?'}, cross-origin isolated: ${web.machine?.crossOriginIsolated}, ${web.machine?.hardwareConcurrency} threads) vs Node, tfjs wasm, one image:`,
    table(['model', 'method', 'page', 'node', 'page/node'], rows),
  ].join('\n');
}
