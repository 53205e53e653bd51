/** A failed call to the demo server, with its `{ error, message }` answer when it gave one. */
export class DemoApiError extends Error {
  override name = 'DemoApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a same-origin JSON request and returns the parsed answer, or throws `DemoApiError`. */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...init.headers },
    });
  } catch {
    throw new DemoApiError(0, 'network', 'The demo server cannot be reached.');
  }
  const body = (await response.json().catch(() => undefined)) as
    | { error?: string; message?: string }
    | undefined;
  if (!response.ok) {
    throw new DemoApiError(
      response.status,
      body?.error ?? 'http_error',
      body?.message ?? `The demo server answered HTTP ${response.status}.`,
    );
  }
  return body as T;
}
