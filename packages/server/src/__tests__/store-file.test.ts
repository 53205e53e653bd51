import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileRefreshStore } from '../file-refresh-store';
import { StoreUnavailableError } from '../refresh-store';
import { describeRefreshStore } from './refresh-store-suite';

const root = await mkdtemp(join(tmpdir(), 'chat-sso-file-store-'));
let directories = 0;
const freshDir = () => {
  directories += 1;
  return join(root, `store-${directories}`);
};
afterAll(() => rm(root, { recursive: true, force: true }));

const NOW = 1_700_000_000;
const family = {
  id: 'family-1',
  user: { id: 'ada', name: 'Ada Lovelace' },
  tokenHash: 'hash-1',
  createdAt: NOW,
  expiresAt: NOW + 3600,
};

describeRefreshStore('file', () => createFileRefreshStore({ dir: freshDir(), now: () => NOW }));

describe('file refresh store on disk', () => {
  it('keeps families, rotations and revocations across a restart in the same directory', async () => {
    const dir = freshDir();
    const before = await createFileRefreshStore({ dir, now: () => NOW });
    await before.create(family);
    await before.create({ ...family, id: 'family-2', tokenHash: 'hash-2' });
    await before.rotate('hash-1', 'hash-1b', NOW + 10);
    await before.revokeFamily('family-2');
    await before.close();

    const after = await createFileRefreshStore({ dir, now: () => NOW + 20 });
    expect(await after.find('hash-1')).toMatchObject({ id: 'family-1', tokenHash: 'hash-1b' });
    expect(await after.find('hash-2')).toMatchObject({ revoked: true });
    expect(await after.rotate('hash-1', 'hash-1c', NOW + 30)).toEqual({ status: 'reused' });
    await after.close();
  });

  it('drops ended families from the file when it next writes', async () => {
    const dir = freshDir();
    let now = NOW;
    const store = await createFileRefreshStore({ dir, now: () => now });
    await store.create(family);
    now = family.expiresAt;
    await store.create({ ...family, id: 'family-2', tokenHash: 'hash-2', expiresAt: now + 60 });
    const saved = await readFile(join(dir, 'refresh-families.json'), 'utf8');
    expect(saved).not.toContain('hash-1');
    expect(saved).toContain('hash-2');
    await store.close();
  });

  it('writes the file readable by its owner only', async () => {
    const dir = freshDir();
    const store = await createFileRefreshStore({ dir, now: () => NOW });
    await store.create(family);
    await store.close();
    expect((await stat(join(dir, 'refresh-families.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to start on a file that is not a refresh store, saying what to do', async () => {
    const dir = freshDir();
    await createFileRefreshStore({ dir });
    await writeFile(join(dir, 'refresh-families.json'), '{"not": "a store"');
    const opening = createFileRefreshStore({ dir });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opening).rejects.toThrow(/is not a chat-sso refresh store.*move it away/);
  });

  it('answers StoreUnavailableError once closed', async () => {
    const store = await createFileRefreshStore({ dir: freshDir(), now: () => NOW });
    await store.close();
    await expect(store.find('hash-1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
