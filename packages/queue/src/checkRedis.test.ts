import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRedis } from './checkRedis.js';
import { parseQueueUrl } from './queueAddress.js';
import { freePort, redisMissing, startRedis, type TestRedis } from './redisServer.testkit.js';

const missing = redisMissing();
if (missing) console.warn(`skipping the live-Redis cases: ${missing}`);

describe('checkRedis', () => {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    if (!missing) redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it.skipIf(missing)('accepts a running Redis', async () => {
    await expect(checkRedis(parseQueueUrl(redis!.url))).resolves.toBeUndefined();
  });

  it('a refused connection is a usage error naming the URL, the cause and the fix, within the timeout', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}/0`;
    const started = Date.now();
    const error = await checkRedis(parseQueueUrl(url), 2000).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000); // no endless reconnecting
    expect(error).toMatchObject({
      name: 'VisorError',
      code: 'usage',
      message: `cannot use the queue at ${url}: connect ECONNREFUSED 127.0.0.1:${port}`,
      hint: `Start Redis there (e.g. redis-server --port ${port}), or point --queue at a running one (redis://host:port/db).`,
    });
  });

  it('a server that accepts the connection but never answers fails after the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      await expect(checkRedis(parseQueueUrl(`redis://127.0.0.1:${port}`), 500)).rejects.toThrow(
        `cannot use the queue at redis://127.0.0.1:${port}: no answer within 0.5 s`,
      );
    } finally {
      silent.close();
    }
  });
});
