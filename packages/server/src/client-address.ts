/** Peer addresses the Node and Express adapters saw, by the `Request` they built. */
const addresses = new WeakMap<Request, string>();

/** Records who sent a request: the socket's peer, or Express's `req.ip` behind a trusted proxy. */
export function rememberClientAddress(request: Request, address: string | undefined): void {
  if (address !== undefined) addresses.set(request, address);
}

/**
 * The client address of a request built by `toNodeHandler` or
 * `toExpressHandler`; `undefined` for one that came another way (Bun, Deno,
 * edge runtimes: pass `clientAddress` in the rate-limit options there).
 */
export function clientAddressOf(request: Request): string | undefined {
  return addresses.get(request);
}
