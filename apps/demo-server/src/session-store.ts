import { createHash, randomBytes } from 'node:crypto';
import { readJsonFile, writeJsonFile } from './json-file';

interface StoredSession {
  username: string;
  expiresAt: number;
}

export interface SessionStore {
  /** Starts a session for `username`; returns the id to put in the cookie. */
  create(username: string): Promise<string>;
  /** The signed-in username, or `undefined` for an unknown or expired id. */
  find(id: string): string | undefined;
  delete(id: string): Promise<void>;
}

export interface SessionStoreOptions {
  file: string;
  ttlSeconds: number;
  now?: () => number;
}

// The file keeps only hashes, so reading it does not hand out working cookies.
const hash = (id: string) => createHash('sha256').update(id).digest('base64url');

/** Site sessions persisted to one JSON file, so a restart keeps people signed in. */
export async function createSessionStore(options: SessionStoreOptions): Promise<SessionStore> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const sessions = new Map(
    Object.entries(((await readJsonFile(options.file)) ?? {}) as Record<string, StoredSession>),
  );
  let writing = Promise.resolve();

  function persist(): Promise<void> {
    for (const [key, session] of sessions) if (session.expiresAt <= now()) sessions.delete(key);
    const snapshot = Object.fromEntries(sessions);
    // Chained so two quick writes land in order.
    writing = writing.then(() => writeJsonFile(options.file, snapshot));
    return writing;
  }

  return {
    async create(username) {
      const id = randomBytes(32).toString('base64url');
      sessions.set(hash(id), { username, expiresAt: now() + options.ttlSeconds });
      await persist();
      return id;
    },
    find(id) {
      const session = sessions.get(hash(id));
      return session && session.expiresAt > now() ? session.username : undefined;
    },
    async delete(id) {
      if (sessions.delete(hash(id))) await persist();
    },
  };
}
