import { plotArea, tickLabel, toPlot, xName, type CurvePanel } from '../common/curvePanels.js';
import { escapeHtml } from './escapeHtml.js';

const f = (v: number): string => (Math.round(v * 100) / 100).toString();

/**
 * A curve panel as inline SVG (no script, no external reference): axes with ticks at both ends and the
 * middle, each method's 95 % band as a translucent polygon and its mean curve as a polyline, and a legend.
 * Same geometry as the PNG plot (`plotArea`, `toPlot`). Each curve carries `data-method`, `data-metric`
 * and its points, so tests and tools can read what is drawn.
 */
export function curveSvg(panel: CurvePanel, width = 360, height = 240): string {
  const a = plotArea(width, height);
  const at = (x: number, y: number) => toPlot(panel, width, height, x, y);
  const [x0, x1] = panel.xRange;
  const [y0, y1] = panel.yRange;
  const parts: string[] = [];
  parts.push(
    `<svg class="curve" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(panel.title)}">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  for (const t of [0, 0.5, 1]) {
    const y = a.bottom - t * (a.bottom - a.top);
    parts.push(`<line x1="${a.left}" x2="${a.right}" y1="${f(y)}" y2="${f(y)}" stroke="#e1e1e1"/>`);
    parts.push(`<text x="${a.left - 4}" y="${f(y + 3)}" text-anchor="end">${tickLabel(y0 + t * (y1 - y0))}</text>`);
    const x = a.left + t * (a.right - a.left);
    const v = x0 + t * (x1 - x0);
    const name = xName(panel, v);
    parts.push(
      `<text x="${f(x)}" y="${a.bottom + 14}" text-anchor="${t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}">${escapeHtml(name ?? tickLabel(v))}</text>`,
    );
  }
  parts.push(`<text class="title" x="4" y="16">${escapeHtml(panel.title)}</text>`);
  parts.push(`<text x="4" y="29" fill="#5a5a5a">y: ${escapeHtml(panel.yLabel)}</text>`);
  parts.push(`<text x="4" y="${height - 4}">x: ${escapeHtml(panel.xLabel)}</text>`);
  for (const s of panel.series) {
    const ok = s.x.map((_, i) => s.low[i] !== null && s.high[i] !== null && Number.isFinite(s.low[i]!) && Number.isFinite(s.high[i]!));
    if (ok.length > 1 && ok.every(Boolean)) {
      const upper = s.x.map((x, i) => at(x, Math.min(y1, s.high[i]!)));
      const lower = s.x.map((x, i) => at(x, Math.max(y0, s.low[i]!))).reverse();
      parts.push(`<polygon class="band" fill="${s.color}" fill-opacity="0.2" points="${[...upper, ...lower].map(([x, y]) => `${f(x)},${f(y)}`).join(' ')}"/>`);
    }
  }
  for (const s of panel.series) {
    const points = s.x.map((x, i) => (Number.isFinite(s.y[i]) ? at(x, s.y[i]!) : null)).filter((p): p is [number, number] => p !== null);
    parts.push(
      `<polyline class="mean" fill="none" stroke="${s.color}" stroke-width="2" data-method="${escapeHtml(s.method)}" data-metric="${escapeHtml(panel.title)}" data-y="${s.y.join(' ')}" points="${points.map(([x, y]) => `${f(x)},${f(y)}`).join(' ')}"/>`,
    );
  }
  parts.push(
    `<line x1="${a.left}" x2="${a.right}" y1="${a.bottom}" y2="${a.bottom}" stroke="#3c3c3c"/><line x1="${a.left}" x2="${a.left}" y1="${a.top}" y2="${a.bottom}" stroke="#3c3c3c"/>`,
  );
  // Legend at the top right, as wide as its longest entry (10 px monospace: 6 px a character).
  const longest = Math.max(0, ...panel.series.map((s) => `${s.method} (n=${s.n})`.length));
  const lx = a.right - 18 - longest * 6;
  panel.series.forEach((s, k) => {
    const y = a.top + 10 + k * 13;
    parts.push(
      `<rect x="${lx}" y="${y - 8}" width="10" height="8" fill="${s.color}"/><text x="${lx + 14}" y="${y}" paint-order="stroke" stroke="#fff" stroke-width="3">${escapeHtml(s.method)} (n=${s.n})</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
