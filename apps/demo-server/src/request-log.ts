import type { Handler } from './handler';

const failures = new WeakMap<Request, string>();

/**
 * Remembers why a request was refused or failed, for its log line: an
 * error's `code` or name only, since messages are for people, not logs.
 */
export function noteFailure(error: unknown, request: Request): void {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  failures.set(
    request,
    typeof code === 'string' ? code : typeof name === 'string' ? name : 'error',
  );
}

/**
 * One line per request: method, path, status, duration, and the noted
 * failure. Never the query, headers or body, where cookies and tokens travel.
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
    const failure = failures.get(request);
    log(
      `${request.method} ${pathname} ${response.status} ${Math.round(now() - started)}ms${failure ? ` ${failure}` : ''}`,
    );
    return response;
  };
}
