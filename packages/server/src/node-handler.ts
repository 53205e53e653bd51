import type { IncomingMessage, ServerResponse } from 'node:http';
import { type NodeAdapterOptions, serveWithWebHandler } from './node-bridge';
import type { WebHandler } from './web-handler';

/** A Web handler as a `node:http` request listener: `http.createServer(toNodeHandler(handler))`. */
export function toNodeHandler(
  handler: WebHandler,
  options: NodeAdapterOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    const url = `${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
    void serveWithWebHandler(handler, req, res, options, {
      url,
      clientAddress: req.socket.remoteAddress,
    });
  };
}
