/** An origin as the browser sends it in `Origin`: scheme, host and port, nothing else. */
export function assertOrigins(origins: readonly string[]): void {
  for (const origin of origins) {
    let parsed: string | undefined;
    try {
      parsed = new URL(origin).origin;
    } catch {}
    if (parsed !== origin) {
      throw new TypeError(
        `allowedOrigins entry ${JSON.stringify(origin)} is not an origin like https://shop.example.com`,
      );
    }
  }
}

export type OriginCheck = { allowed: false } | { allowed: true; headers: Record<string, string> };

/**
 * Refuses requests another site makes with the user's cookies: an `Origin`
 * that is neither the request's own nor listed, or, when the browser sends
 * no `Origin`, `Sec-Fetch-Site: cross-site`. A listed foreign origin gets the
 * CORS headers that let its page read the answer.
 */
export function checkOrigin(request: Request, allowedOrigins: readonly string[]): OriginCheck {
  const origin = request.headers.get('Origin');
  if (origin === null) {
    return request.headers.get('Sec-Fetch-Site') === 'cross-site'
      ? { allowed: false }
      : { allowed: true, headers: {} };
  }
  if (origin === new URL(request.url).origin) return { allowed: true, headers: {} };
  if (!allowedOrigins.includes(origin)) return { allowed: false };
  return {
    allowed: true,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      Vary: 'Origin',
    },
  };
}
