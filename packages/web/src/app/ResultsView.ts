import { COLORMAP_NAMES, colormapLut, formatScore, type ColormapName } from '@visor/renderers';
import type { DisplayCell, DisplayInput } from '../protocol.js';
import { el } from './el.js';

interface Cell {
  canvas: HTMLCanvasElement;
  g: CanvasRenderingContext2D;
  cell: DisplayCell;
  base: Uint8ClampedArray | null;
}

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));

/**
 * The classes × methods grid of every input, with the HTML report's controls: opacity, colormap, the value
 * under the cursor. Overlays are drawn from the colormap entries the worker computed: a table lookup and a
 * blend per pixel, so redrawing every cell on a slider move is cheap.
 */
export class ResultsView {
  readonly element = el('section', { id: 'results' });
  private readonly cells: Cell[] = [];
  private readonly luts = new Map<ColormapName, Uint8Array>();
  readonly opacity = el('input', { id: 'opacity', type: 'range', min: '0', max: '1', step: '0.01', value: '0.5' });
  private readonly opacityOut = el('output', { id: 'opacity-value' }, '0.50');
  readonly colormap = el('select', { id: 'colormap' });
  private readonly list = el('div', { id: 'inputs' });

  constructor(
    private readonly cellSize: number,
    private readonly onExportPng: (input: number) => void,
  ) {
    for (const name of ['auto', ...COLORMAP_NAMES]) this.colormap.append(el('option', { value: name }, name));
    const controls = el(
      'div',
      { class: 'controls' },
      el('label', {}, 'Opacity ', this.opacity, ' ', this.opacityOut),
      el('label', {}, 'Colormap ', this.colormap),
    );
    this.element.append(controls, this.list);
    this.opacity.addEventListener('input', () => this.redraw());
    this.colormap.addEventListener('change', () => this.redraw());
  }

  clear(): void {
    this.cells.length = 0;
    this.list.replaceChildren();
  }

  get alpha(): number {
    return Number(this.opacity.value);
  }

  addFailure(path: string, message: string): void {
    this.list.append(el('section', { class: 'failure', role: 'alert' }, el('h2', {}, path), el('p', {}, message)));
  }

  add(input: DisplayInput): void {
    const section = el('section', { class: 'input', id: `input-${input.stem}`, 'data-index': String(input.index) });
    const png = el('button', { type: 'button', class: 'export-png' }, 'Download grid PNG');
    png.addEventListener('click', () => this.onExportPng(input.index));
    section.append(el('h2', {}, input.stem, ' ', png), el('p', { class: 'path' }, input.path), predictionsTable(input));
    const readout = el('p', { class: 'readout', id: `readout-${input.stem}` }, 'Hover a heatmap to read its value.');
    const grid = el('table', { class: 'grid' });
    grid.append(el('tr', {}, el('th', {}, 'input'), ...input.methods.map((m) => el('th', {}, m))));
    const base = input.base ? new Uint8ClampedArray(input.base.data.buffer, input.base.data.byteOffset, input.base.data.byteLength) : null;
    for (const classIndex of input.classes) {
      const pred = input.predictions.find((p) => p.classIndex === classIndex);
      const label = pred?.label ?? input.cells.find((c) => c.classIndex === classIndex)?.label ?? String(classIndex);
      const c0 = el('canvas', { class: 'base' });
      c0.width = input.width;
      c0.height = input.height;
      const g0 = c0.getContext('2d')!;
      if (base) g0.putImageData(new ImageData(base.slice(), input.width, input.height), 0, 0);
      else {
        g0.fillStyle = '#808080';
        g0.fillRect(0, 0, input.width, input.height);
      }
      const row = el('tr', {}, el('td', {}, c0, el('div', { class: 'caption' }, label + (pred ? ` · p=${pred.probability.toFixed(3)}` : ''))));
      for (const method of input.methods) {
        const cell = input.cells.find((c) => c.method === method && c.classIndex === classIndex);
        if (!cell) {
          row.append(el('td', {}, el('div', { class: 'na' }, 'n/a')));
          continue;
        }
        const canvas = el('canvas', { class: 'overlay', 'data-method': method, 'data-class': String(classIndex), title: cell.meaning });
        canvas.width = input.width;
        canvas.height = input.height;
        const entry: Cell = { canvas, g: canvas.getContext('2d')!, cell, base };
        this.cells.push(entry);
        this.draw(entry);
        canvas.addEventListener('mousemove', (ev) => {
          const r = canvas.getBoundingClientRect();
          const x = Math.min(cell.width - 1, Math.max(0, Math.floor(((ev.clientX - r.left) * cell.width) / r.width)));
          const y = Math.min(cell.height - 1, Math.max(0, Math.floor(((ev.clientY - r.top) * cell.height) / r.height)));
          const v = cell.values[y * cell.width + x]!;
          readout.textContent = `${cell.method} · ${cell.label} · (${x}, ${y}) = ${fmt(v)} — ${cell.meaning}`;
          readout.dataset.value = String(v);
        });
        const caption = `${cell.label} · ${formatScore(cell.score, cell.scoreKind as 'logit' | 'probability')}${cell.layer ? ` · ${cell.layer}` : ''}`;
        row.append(el('td', {}, canvas, el('div', { class: 'caption' }, caption)));
      }
      grid.append(row);
    }
    section.append(readout, grid);
    if (input.metrics.length) section.append(metricsTable(input));
    section.style.setProperty('--cell', `${this.cellSize}px`);
    this.list.append(section);
  }

  private lut(cell: DisplayCell): Uint8Array {
    const chosen = this.colormap.value;
    const name = (chosen === 'auto' ? (cell.signed ? 'rdbu' : 'jet') : chosen) as ColormapName;
    let lut = this.luts.get(name);
    if (!lut) this.luts.set(name, (lut = colormapLut(name)));
    return lut;
  }

  private draw({ canvas, g, cell, base }: Cell): void {
    const a = this.alpha;
    const lut = this.lut(cell);
    const { width: w, height: h } = canvas;
    const img = g.createImageData(w, h);
    const d = img.data;
    for (let i = 0; i < w * h; i++) {
      const k = cell.entries[i]! * 3;
      const o = i * 4;
      d[o] = Math.round((1 - a) * (base ? base[o]! : 128) + a * lut[k]!);
      d[o + 1] = Math.round((1 - a) * (base ? base[o + 1]! : 128) + a * lut[k + 1]!);
      d[o + 2] = Math.round((1 - a) * (base ? base[o + 2]! : 128) + a * lut[k + 2]!);
      d[o + 3] = 255;
    }
    g.putImageData(img, 0, 0);
  }

  redraw(): void {
    this.opacityOut.textContent = this.alpha.toFixed(2);
    for (const c of this.cells) this.draw(c);
  }
}

function predictionsTable(input: DisplayInput): HTMLTableElement {
  const t = el('table', { class: 'predictions' });
  t.append(el('tr', {}, ...['#', 'class', 'label', 'probability', 'logit'].map((s) => el('th', {}, s))));
  input.predictions.forEach((p, i) => {
    t.append(el('tr', {}, ...[String(i + 1), String(p.classIndex), p.label, p.probability.toFixed(4), fmt(p.logit)].map((s) => el('td', {}, s))));
  });
  return t;
}

function metricsTable(input: DisplayInput): HTMLTableElement {
  const t = el('table', { class: 'metrics' });
  t.append(el('tr', {}, ...['metric', 'method', 'class', 'value', 'meaning'].map((s) => el('th', {}, s))));
  for (const m of input.metrics) {
    t.append(el('tr', {}, ...[`${m.metric}.${m.name}`, m.method, String(m.classIndex), fmt(m.value), m.meaning].map((s) => el('td', {}, s))));
  }
  return t;
}
