/**
 * Answered by the `Request` that `toNodeHandler` and `toExpressHandler` build:
 * who sent it (the socket's peer, or Express's `req.ip` behind a trusted proxy).
 */
export const CLIENT_ADDRESS = Symbol('chat-sso.clientAddress');

/**
 * The client address of a request built by `toNodeHandler` or
 * `toExpressHandler`; `undefined` for one that came another way (Bun, Deno,
 * edge runtimes: pass `clientAddress` in the rate-limit options there).
 */
export function clientAddressOf(request: Request): string | undefined {
  return (request as { [CLIENT_ADDRESS]?: string | undefined })[CLIENT_ADDRESS];
}
