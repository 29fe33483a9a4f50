import { describe, expect, it } from 'vitest';
import { parseQueueUrl } from './queueAddress.js';

describe('parseQueueUrl', () => {
  it('reads host, port, database and credentials, with defaults 6379 and 0, and hides the password in messages', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380/2')).toEqual({ display: 'redis://10.0.0.5:6380/2', redis: { host: '10.0.0.5', port: 6380, db: 2 } });
    expect(parseQueueUrl('redis://queue-host')).toEqual({ display: 'redis://queue-host', redis: { host: 'queue-host', port: 6379, db: 0 } });
    expect(parseQueueUrl('rediss://me:s%40cret@h:1/0')).toEqual({
      display: 'rediss://me:***@h:1/0',
      redis: { host: 'h', port: 1, db: 0, username: 'me', password: 's@cret', tls: {} },
    });
    expect(parseQueueUrl('redis://[::1]:7000/1').redis).toEqual({ host: '::1', port: 7000, db: 1 });
  });

  it('refuses what is not a Redis URL, naming the option, the value and the form', () => {
    expect(() => parseQueueUrl('localhost:6379')).toThrow(/--queue "localhost:6379": the scheme is localhost, not redis or rediss/);
    expect(() => parseQueueUrl('http://h:6379')).toThrow(/the scheme is http/);
    expect(() => parseQueueUrl('redis://h:6379/queue')).toThrow(/the database "queue" is not a number/);
    expect(() => parseQueueUrl('redis://h:6379/0?name=x')).toThrow(/options after \? or # are not understood/);
    expect(() => parseQueueUrl('not a url')).toThrow(/not a URL/);
    try {
      parseQueueUrl('redis:///0');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ name: 'VisorError', code: 'usage', hint: expect.stringMatching(/redis:\/\/127\.0\.0\.1:6379\/0/) });
    }
  });
});
