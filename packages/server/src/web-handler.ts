/** A Web-standard HTTP handler: what Bun, Deno, edge runtimes, Next.js route handlers and Hono call. */
export type WebHandler = (request: Request) => Promise<Response>;
