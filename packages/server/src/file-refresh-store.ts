import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, systemClock } from './clock';
import type { NewRefreshFamily, RefreshFamily, RefreshStore, RotateOutcome } from './refresh-store';
import { StoreUnavailableError, tokenStanding } from './refresh-store';

export interface FileRefreshStoreOptions {
  /** A directory only this server process writes to; created when missing. */
  dir: string;
  /** Unix seconds; expired families are dropped from the file by this clock. */
  now?: Clock;
}

const FILE_NAME = 'refresh-families.json';
const FORMAT_VERSION = 1;

interface FileContents {
  version: typeof FORMAT_VERSION;
  families: RefreshFamily[];
  /** Every hash ever issued to a live family, current or rotated, to its family id. */
  tokens: Record<string, string>;
}

const isFamily = (value: unknown): value is RefreshFamily => {
  const family = value as Partial<RefreshFamily> | null;
  return (
    typeof family === 'object' &&
    family !== null &&
    typeof family.id === 'string' &&
    typeof family.tokenHash === 'string' &&
    typeof family.createdAt === 'number' &&
    typeof family.expiresAt === 'number' &&
    typeof family.revoked === 'boolean' &&
    typeof family.user === 'object' &&
    family.user !== null &&
    typeof family.user.id === 'string'
  );
};

function parseContents(text: string, file: string): FileContents {
  let contents: Partial<FileContents>;
  try {
    contents = JSON.parse(text);
  } catch {
    contents = {};
  }
  if (
    contents?.version !== FORMAT_VERSION ||
    !Array.isArray(contents.families) ||
    !contents.families.every(isFamily) ||
    typeof contents.tokens !== 'object' ||
    contents.tokens === null ||
    !Object.values(contents.tokens).every((id) => typeof id === 'string')
  ) {
    throw new StoreUnavailableError(
      `${file} is not a chat-sso refresh store (version ${FORMAT_VERSION}); move it away to start with no sessions`,
    );
  }
  return contents as FileContents;
}

async function readContents(file: string): Promise<FileContents | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreUnavailableError(`cannot read ${file}`, { cause });
  }
  return parseContents(text, file);
}

/** Writes the whole file to a temporary sibling, flushes it, then renames it over the old one. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

/**
 * The embedded default: families in memory, saved to one JSON file after
 * every change and loaded on start, so sessions survive a restart without any
 * server. Atomic because one process owns the file and every check-and-set
 * runs synchronously on the in-memory copy; use Redis for several processes.
 */
export async function createFileRefreshStore(
  options: FileRefreshStoreOptions,
): Promise<RefreshStore> {
  const now = options.now ?? systemClock;
  const file = join(options.dir, FILE_NAME);
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const loaded = await readContents(file);
  const families = new Map((loaded?.families ?? []).map((family) => [family.id, family]));
  const tokens = new Map(Object.entries(loaded?.tokens ?? {}));
  let closed = false;

  const snapshot = (): string => {
    const time = now();
    for (const [id, family] of families) if (family.expiresAt <= time) families.delete(id);
    for (const [hash, id] of tokens) if (!families.has(id)) tokens.delete(hash);
    const contents: FileContents = {
      version: FORMAT_VERSION,
      families: [...families.values()],
      tokens: Object.fromEntries(tokens),
    };
    return JSON.stringify(contents);
  };

  // Changes made while a write is in flight share the next write, which saves them all.
  let lastWrite: Promise<void> = Promise.resolve();
  let nextWrite: Promise<void> | undefined;
  const save = (): Promise<void> => {
    nextWrite ??= lastWrite.then(() => {
      nextWrite = undefined;
      return writeAtomically(file, snapshot()).catch((cause: unknown) => {
        throw new StoreUnavailableError(`cannot write ${file}`, { cause });
      });
    });
    lastWrite = nextWrite.catch(() => undefined);
    return nextWrite;
  };

  const usable = (): void => {
    if (closed) throw new StoreUnavailableError('the refresh store is closed');
  };

  const familyOf = (tokenHash: string): RefreshFamily | undefined => {
    const id = tokens.get(tokenHash);
    return id === undefined ? undefined : families.get(id);
  };

  return {
    async create(family: NewRefreshFamily) {
      usable();
      families.set(family.id, { ...family, revoked: false });
      tokens.set(family.tokenHash, family.id);
      await save();
    },

    async find(tokenHash) {
      usable();
      return familyOf(tokenHash) ?? null;
    },

    async rotate(oldHash, newHash, time): Promise<RotateOutcome> {
      usable();
      const family = familyOf(oldHash);
      if (family === undefined) return { status: 'unknown' };
      const standing = tokenStanding(family, oldHash, time);
      if (standing === 'reused') {
        families.set(family.id, { ...family, revoked: true });
        await save();
      }
      if (standing !== 'current') return { status: standing };
      const rotated = { ...family, tokenHash: newHash };
      families.set(family.id, rotated);
      tokens.set(newHash, family.id);
      await save();
      return { status: 'rotated', family: rotated };
    },

    async revokeFamily(familyId) {
      usable();
      const family = families.get(familyId);
      if (family === undefined || family.revoked) return;
      families.set(familyId, { ...family, revoked: true });
      await save();
    },

    async close() {
      closed = true;
      await lastWrite;
    },
  };
}
