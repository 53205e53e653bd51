/** A JSON answer that no cache keeps: tokens and their refusals are per user and per moment. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** A small `{ error, message }` answer: a stable code and a sentence, never internals. */
export function errorResponse(
  status: number,
  error: string,
  message: string,
  headers?: HeadersInit,
): Response {
  return jsonResponse(status, { error, message }, headers);
}
