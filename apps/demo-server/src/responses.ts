/** A JSON answer that no cache keeps. */
export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  response.headers.set('cache-control', 'no-store');
  return response;
}

/** The demo's error shape, `{ error, message }`: a stable code and words for people. */
export function jsonError(status: number, error: string, message: string): Response {
  return json(status, { error, message });
}
