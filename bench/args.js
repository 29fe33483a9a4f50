import { parseArgs } from 'node:util';
import { ENGINES, MODELS } from './benchModels.js';
import { METHOD_IDS } from './methods.js';
import { MAX_BUSY } from './starvation.js';

export const USAGE = `npm run bench [-- options]        (builds the packages, then node bench/run.js [options])

  --quick              demo model (ONNX, wasm) + ResNet-50 (ONNX vs PyTorch): a few minutes on a quiet machine
  --models a,b         from ${Object.keys(MODELS).join(', ')} (default: all; --quick: demo,resnet50)
  --engines a,b        from ${Object.keys(ENGINES).join(', ')} (default: all a model has; --quick: onnx, pytorch
                       on the ResNets)
  --methods a,b        from ${METHOD_IDS.join(', ')} (default: all)
  --runs N             timed runs per case after the warm-up (default 7; --quick 5); wasm on the ResNets: at most 3
  --warmup N           untimed runs before each case (default 1)
  --long-runs N        timed runs of occlusion and deletion/insertion (default 3; --quick 2); wasm on the ResNets: 1
  --rss-runs N         guided backprop + Grad-CAM calls for the RSS check (default 200; --quick 50; not on wasm
                       for the ResNets: minutes per call)
  --threads N          ONNX Runtime intra-op threads and torch.set_num_threads (default 2, as issues 13/14 compare)
  --max-busy X         largest share of the cores other processes may take during a case whose ratio is printed
                       (default ${MAX_BUSY}): above it the ratio reads "machine busy"
  --web                also the web app's in-page times (bench/web.js; needs Chromium and a built packages/web)
  --scale              also bench/scale.js's measurements, when that file exists
  --out FILE           the JSON result (default bench/results/<start time>.json)
  --compare A B        compare two result files (B/A per case) and exit
  --report FILE        print the report of a saved result and exit
  --help`;

/** The command line → the bench's settings; exits with code 2 and a message naming the bad option. */
export function parseBenchArgs(argv) {
  const { values: a, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      models: { type: 'string' },
      engines: { type: 'string' },
      methods: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'long-runs': { type: 'string' },
      'rss-runs': { type: 'string' },
      threads: { type: 'string' },
      'max-busy': { type: 'string' },
      web: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      out: { type: 'string' },
      compare: { type: 'boolean', default: false },
      report: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const fail = (message) => {
    console.error(`bench: ${message}\n\n${USAGE}`);
    process.exit(2);
  };
  const int = (name, fallback, min = 0) => {
    const v = a[name];
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) fail(`--${name}: "${v}" is not a whole number ≥ ${min}`);
    return n;
  };
  const list = (name, fallback, known) => {
    const items = (a[name] ?? fallback)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const x of items) if (!known.includes(x)) fail(`--${name}: "${x}" is not one of ${known.join(', ')}`);
    return items;
  };
  const quick = a.quick;
  const maxBusy = a['max-busy'] === undefined ? MAX_BUSY : Number(a['max-busy']);
  if (!(maxBusy > 0 && maxBusy <= 1)) fail(`--max-busy: "${a['max-busy']}" is not a share in (0, 1]`);
  if (a.compare && positionals.length !== 2) fail('--compare needs two result files: node bench/run.js --compare a.json b.json');
  return {
    help: a.help,
    compare: a.compare ? positionals : null,
    report: a.report ?? null,
    quick,
    models: list('models', quick ? 'demo,resnet50' : Object.keys(MODELS).join(','), Object.keys(MODELS)),
    engines: a.engines === undefined ? null : list('engines', '', Object.keys(ENGINES)),
    methods: list('methods', METHOD_IDS.join(','), METHOD_IDS),
    methodsGiven: a.methods !== undefined,
    runs: int('runs', quick ? 5 : 7, 1),
    warmup: int('warmup', 1),
    longRuns: int('long-runs', quick ? 2 : 3, 1),
    rssRuns: int('rss-runs', quick ? 50 : 200, 1),
    threads: int('threads', 2, 1),
    maxBusy,
    web: a.web,
    scale: a.scale,
    out: a.out ?? null,
  };
}
