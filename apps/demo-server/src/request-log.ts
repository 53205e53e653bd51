import type { Handler } from './handler';

/**
 * One line per request: method, path, status, duration. Never the query,
 * headers or body, which is where cookies and tokens travel.
 */
export function withRequestLog(
  handler: Handler,
  log: (line: string) => void,
  now: () => number = performance.now.bind(performance),
): Handler {
  return async (request) => {
    const started = now();
    const response = await handler(request);
    const { pathname } = new URL(request.url);
    log(`${request.method} ${pathname} ${response.status} ${Math.round(now() - started)}ms`);
    return response;
  };
}
