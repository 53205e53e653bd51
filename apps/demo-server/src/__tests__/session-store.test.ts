import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../session-store';

describe('createSessionStore', () => {
  let dir: string;
  let file: string;
  let now: number;
  const options = () => ({ file, ttlSeconds: 60, now: () => now });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-sessions-'));
    file = path.join(dir, 'sessions.json');
    now = 1_800_000_000;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds the user of a session it created, and forgets a deleted one', async () => {
    const sessions = await createSessionStore(options());
    const id = await sessions.create('ada');
    expect(sessions.find(id)).toBe('ada');
    await sessions.delete(id);
    expect(sessions.find(id)).toBeUndefined();
  });

  it('keeps sessions across a restart (a new store on the same file)', async () => {
    const id = await (await createSessionStore(options())).create('grace');
    const restarted = await createSessionStore(options());
    expect(restarted.find(id)).toBe('grace');
  });

  it('stores only hashes of session ids, so the file holds no working cookie', async () => {
    const id = await (await createSessionStore(options())).create('ada');
    const content = await readFile(file, 'utf8');
    expect(content).not.toContain(id);
    expect(content).toContain('ada');
  });

  it('ends a session once its lifetime is over', async () => {
    const sessions = await createSessionStore(options());
    const id = await sessions.create('ada');
    now += 60;
    expect(sessions.find(id)).toBeUndefined();
  });

  it('does not know made-up ids', async () => {
    const sessions = await createSessionStore(options());
    await sessions.create('ada');
    expect(sessions.find('made-up')).toBeUndefined();
  });
});
