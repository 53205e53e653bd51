import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { toExpressHandler } from '../express-handler';
import type { NodeAdapterOptions } from '../node-bridge';
import { toNodeHandler } from '../node-handler';
import type { WebHandler } from '../web-handler';

/** One way of serving a Web handler, reached with `fetch(path, init)`. */
export interface HttpTarget {
  /** The origin the page would have: same-origin requests send it as `Origin`. */
  origin: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface HttpTargetKind {
  name: string;
  start(handler: WebHandler, options?: NodeAdapterOptions): Promise<HttpTarget>;
}

/** A real server on an ephemeral loopback port. */
export async function listen(listener: RequestListener): Promise<HttpTarget> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    fetch: (path, init) => fetch(`${origin}${path}`, init),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const webTarget: HttpTargetKind = {
  name: 'Web handler',
  start: async (handler) => {
    const origin = 'https://shop.example';
    return {
      origin,
      fetch: (path, init) => handler(new Request(`${origin}${path}`, init)),
      close: async () => {},
    };
  },
};

export const nodeTarget: HttpTargetKind = {
  name: 'node:http + toNodeHandler',
  start: (handler, options) => listen(toNodeHandler(handler, options)),
};

export const expressTarget: HttpTargetKind = {
  name: 'Express 5 + toExpressHandler',
  start: (handler, options) => {
    const app = express();
    // A body parser in front, as most Express apps have: the adapter must not wait for a body it already read.
    app.use(express.json());
    app.all('/{*path}', toExpressHandler(handler, options));
    return listen(app);
  },
};
