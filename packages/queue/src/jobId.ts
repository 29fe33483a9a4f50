/**
 * The job id of one input: `<model>/<stem>` (`in/<stem>` for a config with a single model). Ids are unique in
 * a run, never integers and never contain `:` (BullMQ's rules for custom ids), and the same input always gets
 * the same id, so enqueueing it again while its job waits is a no-op.
 */
export function jobId(model: string | null, stem: string): string {
  return `${model === null ? 'in' : model.replace(/:/g, '_')}/${stem}`;
}
