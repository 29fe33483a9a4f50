import { checkRedis, formatQueueStatus, parseQueueUrl, queueStatus, RunQueue } from '@visor/queue';
import type { CliIO } from '../CliIO.js';
import type { QueueFlags } from './queueFlags.js';

/**
 * `visor status --queue redis://… [--json]`: the run in the queue, its jobs by state, what the output folders
 * have recorded, and every failure with its message. Exit 0 (2 when Redis cannot be used).
 */
export async function statusCommand(flags: QueueFlags & { json?: boolean }, io: CliIO): Promise<number> {
  const address = parseQueueUrl(flags.queue);
  await checkRedis(address);
  const queue = RunQueue.open(address, flags.queueName);
  try {
    const status = await queueStatus(queue);
    io.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatQueueStatus(status)}\n`);
    return 0;
  } finally {
    await queue.close();
  }
}
