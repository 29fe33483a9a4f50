import { VisorError } from '@visor/core';
import { Redis } from 'ioredis';
import type { QueueAddress } from './queueAddress.js';

/**
 * Connects to the queue's Redis once, with a short timeout and no retry, and asks it for PING. A Redis that
 * refuses the connection, does not answer, or refuses the credentials is a usage error (exit 2) naming the
 * URL, the cause and the fix, raised before anything is loaded or enqueued.
 */
export async function checkRedis(address: QueueAddress, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...address.redis,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  client.on('error', (e: Error) => {
    lastError = e;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await Promise.race([
      (async () => {
        await client.connect();
        const pong = await client.ping();
        if (pong !== 'PONG') throw new Error(`PING answered ${JSON.stringify(pong)}, not PONG: is this a Redis server?`);
      })(),
      timeout,
    ]);
  } catch (e) {
    const cause = describe(e, lastError);
    const auth = /NOAUTH|WRONGPASS|invalid password|invalid username/i.test(cause);
    throw new VisorError(`cannot use the queue at ${address.display}: ${cause}`, {
      code: 'usage',
      cause: e,
      hint: auth
        ? 'Give the credentials in the URL: redis://user:password@host:port/db.'
        : `Start Redis there (e.g. redis-server --port ${address.redis.port}), or point --queue at a running one (redis://host:port/db).`,
    });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function describe(e: unknown, socketError: Error | undefined): string {
  const message = (e as Error)?.message ?? String(e);
  // ioredis reports a refused connection as "Connection is closed." and gives the socket's error separately.
  if (socketError && /Connection is closed|Stream isn't writeable/i.test(message)) return socketError.message;
  return message;
}
