import type { FromWorker } from '../protocol.js';

/** The buffers of a message that can be moved to the page instead of copied (display maps, pictures, PNG bytes). */
export function transferablesOf(message: FromWorker): Transferable[] {
  if (message.type === 'input') {
    const { input } = message;
    const out: Transferable[] = input.cells.flatMap((c) => [c.values.buffer, c.entries.buffer]);
    if (input.base) out.push(input.base.data.buffer);
    return unique(out);
  }
  if (message.type === 'files') return unique(message.files.flatMap((f) => (typeof f.data === 'string' ? [] : [f.data.buffer])));
  return [];
}

function unique(buffers: Transferable[]): Transferable[] {
  const shared = typeof SharedArrayBuffer === 'undefined' ? null : SharedArrayBuffer;
  return [...new Set(buffers)].filter((b) => !(shared && b instanceof shared));
}
