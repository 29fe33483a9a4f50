/** The report page's stylesheet (system fonts only; nothing is fetched). */
export const reportStyle = (cellSize: number): string => `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
body { margin: 0; padding: 0 1.5rem 2rem; }
header { position: sticky; top: 0; background: Canvas; padding: .75rem 0; border-bottom: 1px solid GrayText; z-index: 1; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
.meta { margin: 0 0 .5rem; color: GrayText; font-size: .85rem; }
.controls { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
.input { margin-top: 1.5rem; }
.path { color: GrayText; font-size: .8rem; margin: 0; word-break: break-all; }
table.predictions { border-collapse: collapse; margin: .5rem 0; font-size: .85rem; }
table.predictions td, table.predictions th { padding: .15rem .6rem; border-bottom: 1px solid #8884; text-align: left; }
table.grid { border-collapse: separate; border-spacing: 6px; }
table.grid th { font-weight: 600; text-align: left; }
table.grid td { vertical-align: top; }
canvas { width: ${cellSize}px; height: auto; display: block; }
canvas.overlay { cursor: crosshair; }
.caption { font-size: .8rem; max-width: ${cellSize}px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.na { width: ${cellSize}px; color: GrayText; }
.back { margin: 0 0 .25rem; font-size: .85rem; }
.curves { display: flex; gap: 1rem; flex-wrap: wrap; margin-top: .75rem; }
svg.curve { width: auto; font: 10px ui-monospace, monospace; } svg.curve text { fill: #222; } svg.curve .title { font-size: 13px; font-weight: 600; }
table.metrics { border-collapse: collapse; font-size: .85rem; } table.metrics td, table.metrics th { padding: .15rem .6rem; border-bottom: 1px solid #8884; text-align: left; }
.readout { font-family: ui-monospace, monospace; font-size: .85rem; min-height: 1.2em; }
`;
