import { vi, describe, expect, it } from 'vitest';

// As root (CI containers) chmod cannot make a file unreadable, so the EACCES that readFile raises
// for an unreadable file is simulated here; readInput.test.ts also checks it for real when not root.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    stat: vi.fn(async () => ({ isDirectory: () => false, isFile: () => true, size: 100 })),
    readFile: vi.fn(async (path: string) => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    }),
  };
});

const { readInput } = await import('./readInput.js');

describe('readInput: permissions', () => {
  it('EACCES becomes an input error naming the file', async () => {
    await expect(readInput('/data/secret.png')).rejects.toMatchObject({
      name: 'VisorError',
      code: 'input',
      file: '/data/secret.png',
      message: expect.stringMatching(/^\/data\/secret\.png: cannot be read: permission denied/),
    });
  });
});
