import { VisorError } from '@visor/core';

/** Host, port, database, credentials, TLS (`rediss:`): options ioredis and BullMQ both take. */
export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
}

/** Where a queue lives: the Redis connection options, and the URL as messages may show it (password hidden). */
export interface QueueAddress {
  /** The URL with its password replaced by `***`. */
  display: string;
  /** The Redis connection (ioredis options). */
  redis: RedisTarget;
}

const EXAMPLE = 'redis://127.0.0.1:6379/0 (redis://[user:password@]host[:port][/db]; rediss:// for TLS)';

/**
 * Parses `--queue redis://[user:password@]host[:port][/db]` (default port 6379, database 0). A URL that is
 * not one is a usage error naming it and showing the form.
 */
export function parseQueueUrl(url: string, option = '--queue'): QueueAddress {
  const bad = (why: string) => new VisorError(`${option} ${JSON.stringify(url)}: ${why}`, { code: 'usage', hint: `Give a Redis URL, e.g. ${EXAMPLE}.` });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad('not a URL');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw bad(`the scheme is ${u.protocol.replace(/:$/, '')}, not redis or rediss`);
  if (!u.hostname) throw bad('no host');
  const port = u.port ? Number(u.port) : 6379;
  const path = u.pathname.replace(/^\/+/, '');
  if (path !== '' && !/^\d+$/.test(path)) throw bad(`the database "${path}" is not a number`);
  if (u.search || u.hash) throw bad('options after ? or # are not understood');
  const db = path === '' ? 0 : Number(path);
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const hidden = new URL(u.href);
  if (hidden.password) hidden.password = '***';
  return {
    display: hidden.href,
    redis: {
      host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      db,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}
