/**
 * The site of the soak, in a process of its own so that the memory it
 * reports is the server's alone: `node --import tsx --expose-gc
 * src/soak-server.ts <file | redis://…>` serves `createLoadSite` over the
 * embedded file store or a Redis one on a free loopback port, reports the
 * port over IPC, and answers every later message with a memory sample.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoadSite } from '@chat-sso/load-kit';
import * as server from '@chat-sso/server';
import { ACCESS_SECRET, SECRET } from './fixtures';

/** The server's memory after a full collection, in bytes: what it keeps, not what it has yet to free. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
}

const gc = globalThis.gc!;
const where = process.argv[2] ?? '';
const dir = where === 'file' ? await mkdtemp(join(tmpdir(), 'chat-sso-soak-')) : undefined;
const store = dir
  ? await server.createFileRefreshStore({ dir })
  : await server.createRedisRefreshStore({ url: where });
const site = createServer(
  server.toNodeHandler(createLoadSite(server, store, { chatToken: SECRET, access: ACCESS_SECRET })),
);

site.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (site.address() as AddressInfo).port });
});
process.on('message', () => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed } satisfies MemorySample);
});
// The soak ends the server by disconnecting; so does its own end, whatever the cause.
process.on('disconnect', async () => {
  site.closeAllConnections();
  site.close();
  await store.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  process.exit(0);
});
