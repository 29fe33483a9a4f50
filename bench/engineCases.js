import { batchOf } from './inputs.js';
import { METHODS } from './methods.js';
import { rssGrowth } from './rssGrowth.js';
import { peakRssMB, timeRuns } from './stats.js';

const argmax = (row) => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);

/**
 * The measurements of one loaded model: `env` holds core, the registry, the model, the input images
 * and the run settings. Every case returns a plain JSON record (bench/stats.js summaries in ms).
 */
export class EngineCases {
  constructor(env) {
    this.env = env;
    const { core, model, images, shape } = env;
    this.core = core;
    this.model = model;
    this.shape = shape;
    this.input = batchOf(images.slice(0, 1), shape);
    this.forwardCache = new Map();
    this.freshFloors = !env.settings.cacheFloors;
    this.ready = core.predict(model, this.input).then((predictions) => {
      this.predictions = predictions;
      this.target = argmax(predictions.probabilities[0]);
    });
  }

  /**
   * A forward pass of `batch` copies, per image: the floor of the other cases, measured again right before
   * each case that needs it (so a case and its floor see the same machine), or once and cached where it is
   * slow (`settings.cacheFloors`: tfjs-wasm on the ResNets).
   */
  async forward(batch, fresh = false) {
    if (fresh || !this.forwardCache.has(batch)) {
      const { runs, warmup } = this.env.settings;
      const x = batchOf(
        Array.from({ length: batch }, (_, i) => this.env.images[i % this.env.images.length]),
        this.shape,
      );
      const time = await timeRuns(() => this.model.run(x, ['logits']), { runs: batch > 1 ? Math.max(2, Math.ceil(runs / 2)) : runs, warmup, per: batch });
      this.forwardCache.set(batch, time);
    }
    return this.forwardCache.get(batch);
  }

  /** The batch occlusion or the metrics score their images in (the plugins' memory-budget rule). */
  budgetedBatch(requested, images) {
    const factor = this.core.activationFactorFor(this.model, 'auto', this.shape);
    return this.core.budgetedBatchSize(requested, this.shape, 1024, factor, images);
  }

  context(explainerId, options) {
    const explainer = this.env.registry.explainer(explainerId);
    return {
      explainer,
      ctx: {
        model: this.model,
        input: this.input,
        targets: [[this.target]],
        predictions: this.predictions,
        options: this.core.validateOptions(explainer, options),
        backend: this.model.engine,
        label: (i) => `class ${i}`,
        progress: () => {},
        signal: new AbortController().signal,
      },
    };
  }

  runsOf(method) {
    const s = this.env.settings;
    return METHODS[method].long ? { runs: s.longRuns, warmup: s.longWarmup } : { runs: s.runs, warmup: s.warmup };
  }

  async measure(method) {
    await this.ready;
    const spec = METHODS[method];
    const base = { method, label: spec.label, target: this.target };
    if (spec.kind === 'forward') {
      const batch = spec.batch === 1 ? 1 : (this.env.settings.forwardBatch ?? this.budgetedBatch(spec.batch, spec.batch));
      const time = await this.forward(batch, true);
      const floorTime = batch === 1 ? time : await this.forward(1);
      return {
        ...base,
        batch,
        time,
        floorMs: floorTime.median,
        floorTime,
        floor: 'forward, batch 1',
        overFloor: time.median / floorTime.median,
        peakRssMB: peakRssMB(),
      };
    }
    if (spec.kind === 'explainer') return { ...base, ...(await this.explainer(method, spec)) };
    if (spec.kind === 'metrics') return { ...base, ...(await this.metrics(method, spec)) };
    if (spec.kind === 'rss') return { ...base, ...(await this.rss()) };
    throw new Error(`bench: unknown kind of method ${method}`);
  }

  async explainer(method, spec) {
    const options = spec.options(Math.min(this.shape[0], this.shape[1]));
    const { explainer, ctx } = this.context(spec.explainer, options);
    let floorTime;
    let floorMs;
    let floor;
    let extra = {};
    if (spec.floor === 'windows') {
      const occ = this.env.occlusion;
      const r = occ.resolveOcclusionOptions(ctx.options, this.shape);
      const grid = occ.occlusionGrid(this.shape[0], this.shape[1], r.patch, r.stride).windows.length;
      const batch = this.budgetedBatch(ctx.options.batchSize ?? 16, grid);
      floorTime = await this.forward(batch, this.freshFloors);
      floorMs = floorTime.median * grid;
      floor = `${grid} windows × forward(batch ${batch}) / ${batch}`;
      extra = { windows: grid, batch };
    } else {
      floorTime = await this.forward(1, this.freshFloors);
      floorMs = floorTime.median;
      floor = 'forward, batch 1';
    }
    const memory = this.model.memory();
    let last;
    const time = await timeRuns(async () => {
      last = await explainer.explain(ctx);
    }, this.runsOf(method));
    const after = this.model.memory();
    return {
      ...extra,
      options: { ...ctx.options },
      time,
      floorMs,
      floorTime,
      floor,
      overFloor: time.median / floorMs,
      explanations: last.length,
      engineMemoryLeak: { tensors: after.tensors - memory.tensors, bytes: after.bytes - memory.bytes },
      peakRssMB: peakRssMB(),
    };
  }

  async metrics(method, spec) {
    const { explainer, ctx } = this.context('grad-cam', {});
    const explanations = await explainer.explain(ctx);
    const metrics = spec.metrics.map((id) => this.env.registry.metric(id));
    const images = metrics.length * (spec.options.steps + 1);
    const batch = this.budgetedBatch(16, spec.options.steps + 1);
    const mctx = (metric) => ({
      model: this.model,
      input: this.input,
      targets: [[this.target]],
      predictions: this.predictions,
      explanations,
      masks: [null],
      options: this.core.validateOptions(metric, spec.options),
      label: (i) => `class ${i}`,
      progress: () => {},
      signal: new AbortController().signal,
      reexplain: () => Promise.reject(new Error('bench: no re-explaining')),
    });
    const floorTime = await this.forward(batch, this.freshFloors);
    const floorMs = floorTime.median * images;
    const time = await timeRuns(async () => {
      for (const metric of metrics) await metric.evaluate(mctx(metric));
    }, this.runsOf(method));
    return {
      images,
      batch,
      options: spec.options,
      on: 'a Grad-CAM map of the image',
      time,
      floorMs,
      floorTime,
      floor: `${images} images × forward(batch ${batch}) / ${batch}`,
      overFloor: time.median / floorMs,
      peakRssMB: peakRssMB(),
    };
  }

  async rss() {
    const guided = this.context('guided-backprop', {});
    const gradCam = this.context('grad-cam', {});
    const growth = await rssGrowth(
      async () => {
        await guided.explainer.explain(guided.ctx);
        await gradCam.explainer.explain(gradCam.ctx);
      },
      { runs: this.env.settings.rssRuns, warmup: Math.min(10, this.env.settings.rssRuns) },
    );
    return { rss: growth, peakRssMB: peakRssMB() };
  }
}
