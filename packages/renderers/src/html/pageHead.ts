import type { RunInfo } from '@visor/core';
import { escapeHtml } from './escapeHtml.js';

/**
 * The Content-Security-Policy of every report page: nothing may be fetched except images that are data
 * URLs or files beside the page (the index's thumbnails; `'self'` covers them under file:// in Chromium,
 * `file:` in browsers that give each file its own origin); inline styles and scripts only.
 */
export const REPORT_CSP = "default-src 'none'; img-src data: 'self' file:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** The start of every report page up to `<body>`: the CSP, the viewport, no favicon request, the title and the inline style. */
export function pageHead(title: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>`;
}

/** The run in one line under a page's title: model file, format and output, backend, start time. */
export function runMeta(run: Pick<RunInfo, 'model' | 'backend' | 'startedAt'>): string {
  return `${run.model.source} · ${run.model.format} model, ${run.model.finalActivation} output · backend ${run.backend} · ${run.startedAt}`;
}
