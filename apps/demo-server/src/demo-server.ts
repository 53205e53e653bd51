import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@chat-sso/server';
import { createDemoApp, type DemoAppOptions } from './demo-app';

export interface DemoServerOptions extends Omit<DemoAppOptions, 'origin'> {
  /** 0 picks a free port. */
  port: number;
  host: string;
}

export interface DemoServer {
  /** e.g. `http://127.0.0.1:3000` */
  origin: string;
  close(): Promise<void>;
}

/** How a browser on this machine reaches `host` (a wildcard address means loopback). */
function reachableHost(host: string): string {
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return local.includes(':') ? `[${local}]` : local;
}

/** Listens first, since the app needs its own origin, then serves the demo. */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${reachableHost(options.host)}:${port}`;
  try {
    server.on('request', toNodeHandler(await createDemoApp({ ...options, origin })));
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
