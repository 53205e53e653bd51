import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeAdapterOptions, serveWithWebHandler } from './node-bridge';
import type { ParsedBody } from './node-request';
import type { WebHandler } from './web-handler';

/** The parts of an Express 5 request the adapter reads (kept structural: no Express types needed). */
export interface ExpressRequestLike extends IncomingMessage {
  /** `http` or `https`, behind a proxy as `app.set('trust proxy')` allows. */
  protocol: string;
  /** Host and port, behind a proxy as `app.set('trust proxy')` allows. */
  host: string | undefined;
  originalUrl: string;
  body?: unknown;
  /** The client's address, behind a proxy as `app.set('trust proxy')` allows. */
  ip?: string | undefined;
}

/** What an Express body parser left in `req.body`, back as bytes for the `Request`. */
function parsedBody(body: unknown): ParsedBody {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  return JSON.stringify(body);
}

/** A Web handler as an Express 5 route handler: `app.get('/chat-token', toExpressHandler(handler))`. */
export function toExpressHandler(
  handler: WebHandler,
  options: NodeAdapterOptions = {},
): (req: ExpressRequestLike, res: ServerResponse) => void {
  return (req, res) => {
    const url = `${req.protocol}://${req.host ?? 'localhost'}${req.originalUrl}`;
    const body = req.readableEnded ? parsedBody(req.body) : undefined;
    void serveWithWebHandler(handler, req, res, options, { url, body, clientAddress: req.ip });
  };
}
