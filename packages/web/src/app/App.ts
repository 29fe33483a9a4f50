import { isMaskName } from '../maskNames.js';
import type { ContributionInfo, FileBytes, ModelInfo, RunRequest, WebBackend } from '../protocol.js';
import { demoFiles, demoIndex, demoText, type DemoIndex } from './demoAssets.js';
import { el } from './el.js';
import { optionsForm, type OptionsForm } from './optionsForm.js';
import { readDropped, readPicked } from './readDropped.js';
import { ResultsView } from './ResultsView.js';
import { WorkerClient, WorkerError } from './WorkerClient.js';

const CELL = 160;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Choice {
  info: ContributionInfo;
  box: HTMLInputElement;
  form: OptionsForm;
}

/**
 * The page: model and image inputs (demo buttons, drops, pickers), one form per method and metric built from
 * its schema, run / cancel with progress, the results grid, and the exports. Everything heavy is the worker's.
 */
export class App {
  private readonly client: WorkerClient;
  private readonly results = new ResultsView(CELL, (i) => void this.exportPng(i));
  private explainers: Choice[] = [];
  private metrics: Choice[] = [];
  private images: FileBytes[] = [];
  private masks: FileBytes[] = [];
  private modelFiles: FileBytes[] = [];
  private labels: string | null = null;
  /** Whether `labels` came with the model (the demo's, or a labels file in the dropped folder): then they go with it. */
  private labelsFromModel = false;
  private model: ModelInfo | null = null;
  private running: number | null = null;
  private demo: DemoIndex | null = null;

  constructor(worker: Worker) {
    this.client = new WorkerClient(worker);
  }

  async start(): Promise<void> {
    $('results-slot').replaceWith(this.results.element);
    const ready = await this.client.send<'ready'>({ type: 'init' }).done;
    $('isolation').textContent = ready.isolated
      ? 'cross-origin isolated: wasm runs with threads'
      : 'not cross-origin isolated: wasm runs on one thread (start the page with `npx visor serve` for threads)';
    this.explainers = this.choices($('explainers'), ready.explainers, (id) => id !== 'smoothgrad');
    this.metrics = this.choices($('metrics'), ready.metrics, () => false);
    this.wire();
    try {
      this.demo = await demoIndex();
      for (const m of this.demo.models) {
        const b = el('button', { type: 'button', class: 'demo-model', 'data-model': m.name, title: m.description }, `Demo model: ${m.name}`);
        b.addEventListener('click', () => void this.loadDemoModel(m.name));
        $('demo-models').append(b);
      }
    } catch {
      $('demo-models').textContent = 'No demo in this build.';
    }
    document.body.dataset.ready = '1';
  }

  private choices(host: HTMLElement, infos: ContributionInfo[], checked: (id: string) => boolean): Choice[] {
    return infos.map((info) => {
      const box = el('input', { type: 'checkbox', id: `use-${info.id}`, value: info.id }) as HTMLInputElement;
      box.checked = checked(info.id);
      const form = optionsForm(info.id, info.optionsSchema, info.defaults);
      const details = el(
        'details',
        { class: 'choice' },
        el('summary', {}, box, ' ', el('label', { for: box.id }, info.id), el('small', {}, ` ${info.description}`)),
        form.element,
      );
      host.append(details);
      return { info, box, form };
    });
  }

  private wire(): void {
    const dropZone = (zone: HTMLElement, take: (files: FileBytes[]) => Promise<void>) => {
      zone.addEventListener('dragover', (e) => {
        e.preventDefault();
        zone.classList.add('over');
      });
      zone.addEventListener('dragleave', () => zone.classList.remove('over'));
      zone.addEventListener('drop', (e) => {
        e.preventDefault();
        zone.classList.remove('over');
        if (e.dataTransfer) void this.guard(async () => take(await readDropped(e.dataTransfer!)));
      });
    };
    dropZone($('model-drop'), (files) => this.takeModel(files));
    dropZone($('image-drop'), async (files) => this.takeImages(files));
    for (const id of ['model-folder', 'model-file']) {
      $<HTMLInputElement>(id).addEventListener('change', (e) => {
        const input = e.target as HTMLInputElement;
        const files = input.files;
        if (files) void this.guard(async () => this.takeModel(await readPicked(files))).finally(() => (input.value = ''));
      });
    }
    $<HTMLInputElement>('image-files').addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      const files = input.files;
      // Cleared once read, so picking the same files again is a change too.
      if (files) void this.guard(async () => this.takeImages(await readPicked(files))).finally(() => (input.value = ''));
    });
    $<HTMLInputElement>('labels-file').addEventListener('change', (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file)
        void this.guard(async () => {
          this.labels = await file.text();
          this.labelsFromModel = false;
          if (this.modelFiles.length) await this.loadModel(this.modelFiles);
        });
    });
    $('demo-images').addEventListener('click', () => void this.guard(() => this.loadDemoImages()));
    // The backend, the output activation and the input size are the model's: a change loads it again.
    for (const id of ['backend', 'output-activation', 'input-size']) {
      $(id).addEventListener('change', () => {
        if (this.modelFiles.length) void this.guard(() => this.loadModel(this.modelFiles));
      });
    }
    $('run').addEventListener('click', () => void this.run());
    $('cancel').addEventListener('click', () => {
      if (this.running !== null) this.client.cancel(this.running);
    });
    $('export-json').addEventListener('click', () => void this.exportJson());
    document.addEventListener('dragover', (e) => e.preventDefault());
    document.addEventListener('drop', (e) => e.preventDefault());
  }

  /** Runs a step; a failure becomes a message on the page, and the page keeps working. */
  private async guard(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    const err = e as WorkerError;
    const box = el('div', { class: `message ${err.code === 'aborted' ? 'info' : 'error'}`, role: 'alert' }, el('strong', {}, err.message ?? String(e)));
    if (err.hint) box.append(el('div', { class: 'hint' }, err.hint));
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'dismiss' }, '×');
    close.addEventListener('click', () => box.remove());
    box.prepend(close);
    $('messages').append(box);
  }

  private status(text: string): void {
    $('status').textContent = text;
  }

  private async takeModel(files: FileBytes[]): Promise<void> {
    const labels = files.find((f) => /(^|\/)labels\.(json|txt)$/i.test(f.name));
    // Labels that came with the previous model are not this one's; labels picked on their own stay.
    if (labels) this.labels = new TextDecoder().decode(labels.bytes);
    else if (this.labelsFromModel) this.labels = null;
    this.labelsFromModel = labels !== undefined;
    await this.loadModel(files.filter((f) => f !== labels));
  }

  /** Dropped or picked files: hidden files left out; `*.mask.*` and files in a `masks/` folder are ground-truth masks. */
  private takeImages(files: FileBytes[]): void {
    const visible = files.filter((f) => !/(^|\/)\./.test(f.name));
    const isMask = (f: FileBytes) => isMaskName(f.name);
    this.images = visible.filter((f) => !isMask(f));
    this.masks = visible.filter(isMask);
    this.showImages();
  }

  private showImages(): void {
    const items = this.images.map((f) => el('li', {}, f.name));
    if (this.masks.length) items.push(el('li', { class: 'masks' }, `+ ${this.masks.length} mask(s)`));
    $('image-list').replaceChildren(...items);
  }

  private async loadModel(files: FileBytes[]): Promise<void> {
    this.modelFiles = files;
    this.model = null;
    delete document.body.dataset.model;
    $('model-info').textContent = 'loading…';
    const backend = $<HTMLSelectElement>('backend').value as WebBackend;
    const outputActivation = $<HTMLSelectElement>('output-activation').value;
    const inputSize = $<HTMLInputElement>('input-size').value;
    try {
      const { info } = await this.client.send<'model'>({ type: 'load-model', files, backend, labels: this.labels, outputActivation, inputSize }).done;
      this.model = info;
      const shape = info.inputShape
        .slice(1)
        .map((d) => d ?? '?')
        .join('×');
      // A PyTorch export usually ends at the logits: say how to score probabilities (the CLI's --output-activation).
      const logitsHint =
        info.finalActivation === 'linear' && outputActivation === 'auto' ? ' (no output activation: choose softmax above for class probabilities)' : '';
      $('model-info').textContent =
        `${info.source} · ${info.format} · input ${shape} · ${info.numClasses} classes (${info.labels.slice(0, 5).join(', ')}${info.numClasses > 5 ? ', …' : ''}) · ` +
        `${info.finalActivation}${logitsHint} · ${info.layers} layers · ${(info.weightBytes / 2 ** 20).toFixed(1)} MiB · ${info.engineReason}`;
      document.body.dataset.model = info.source;
    } catch (e) {
      $('model-info').textContent = 'no model loaded';
      throw e;
    }
  }

  private async loadDemoModel(name: string): Promise<void> {
    await this.guard(async () => {
      const demo = this.demo!;
      const model = demo.models.find((m) => m.name === name)!;
      this.labels = await demoText(demo.labels);
      this.labelsFromModel = true;
      $<HTMLSelectElement>('preprocess').value = demo.preprocess;
      await this.loadModel(await demoFiles(model.files));
    });
  }

  private async loadDemoImages(): Promise<void> {
    this.takeImages(await demoFiles([...(this.demo?.images ?? []), ...(this.demo?.masks ?? [])]));
  }

  private request(): RunRequest {
    const topText = $<HTMLInputElement>('targets').value.trim();
    const targets: RunRequest['targets'] =
      /^\d+$/.test(topText) || topText === ''
        ? { top: Number(topText || 1) }
        : { classes: topText.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim())) };
    return {
      inputs: this.images,
      masks: this.masks,
      preprocess: $<HTMLSelectElement>('preprocess').value,
      resize: $<HTMLSelectElement>('resize').value as RunRequest['resize'],
      targets,
      explainers: this.explainers.filter((c) => c.box.checked).map((c) => ({ id: c.info.id, options: c.form.read() })),
      metrics: this.metrics.filter((c) => c.box.checked).map((c) => ({ id: c.info.id, options: c.form.read() })),
      displayWidth: CELL,
    };
  }

  async run(): Promise<void> {
    if (this.running !== null) return;
    const progress = $<HTMLProgressElement>('progress');
    const runButton = $<HTMLButtonElement>('run');
    this.results.clear();
    delete document.body.dataset.runState;
    const { id, done } = this.client.send<'done'>({ type: 'run', request: this.request() }, (m) => {
      if (m.type === 'progress') {
        progress.max = Math.max(1, m.event.total);
        progress.value = m.event.done;
        this.status(`${m.event.stage}: ${m.event.done} / ${m.event.total}${m.event.message ? ` — ${m.event.message}` : ''}`);
      } else if (m.type === 'input') this.results.add(m.input);
      else if (m.type === 'failure') this.results.addFailure(m.path, m.message);
    });
    this.running = id;
    runButton.disabled = true;
    $<HTMLButtonElement>('cancel').disabled = false;
    document.body.dataset.runState = 'running';
    try {
      const result = await done;
      this.status(`done: ${result.inputs} input(s) explained, ${result.failures} could not be used, ${(result.ms / 1000).toFixed(2)} s`);
      document.body.dataset.runState = 'done';
      document.body.dataset.runMs = String(result.ms);
    } catch (e) {
      document.body.dataset.runState = (e as WorkerError).code === 'aborted' ? 'cancelled' : 'failed';
      this.status((e as WorkerError).code === 'aborted' ? 'cancelled' : 'failed');
      this.fail(e);
    } finally {
      this.running = null;
      runButton.disabled = false;
      $<HTMLButtonElement>('cancel').disabled = true;
    }
  }

  private async exportJson(): Promise<void> {
    await this.guard(async () => {
      const { files } = await this.client.send<'files'>({ type: 'export-json' }).done;
      for (const f of files) download(f.name, f.type, f.data);
    });
  }

  private async exportPng(input: number): Promise<void> {
    await this.guard(async () => {
      const { files } = await this.client.send<'files'>({
        type: 'export-png',
        input,
        colormap: this.results.colormap.value,
        alpha: this.results.alpha,
        tileSize: 224,
      }).done;
      for (const f of files) download(f.name, f.type, f.data);
    });
  }
}

/** Saves bytes or text as a file through a temporary link. */
function download(name: string, type: string, data: string | Uint8Array): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
