/**
 * The Content-Security-Policy of every report page: nothing may be fetched except images that are data
 * URLs or files beside the page (the index's thumbnails; `'self'` covers them under file:// in Chromium,
 * `file:` in browsers that give each file its own origin); inline styles and scripts only.
 */
export const REPORT_CSP = "default-src 'none'; img-src data: 'self' file:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
