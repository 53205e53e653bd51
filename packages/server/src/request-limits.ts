import { errorResponse } from './json-response';

/**
 * Request headers above this many bytes are refused with 431. Below Node's
 * own limit (16 KiB, answered with a bare 431 before any handler runs), so
 * the client gets this package's JSON error instead.
 */
export const DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
/** Request bodies above this are refused with 413. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface RequestLimits {
  /** Largest request head, every `name: value` line counted; 8 KiB by default. */
  maxHeaderBytes?: number;
  /** Largest request body; 64 KiB by default. */
  maxBodyBytes?: number;
}

/** What a request's `name: value\r\n` lines take on the wire. */
export function headerBytes(headers: Headers): number {
  let bytes = 0;
  // forEach, which the Node adapters' headers answer without building a WHATWG `Headers`.
  headers.forEach((value, name) => {
    bytes += name.length + value.length + 4;
  });
  return bytes;
}

/** The same for a Node request's `rawHeaders` (names and values, in turn, as sent). */
export function rawHeaderBytes(rawHeaders: readonly string[]): number {
  return rawHeaders.reduce((bytes, item) => bytes + item.length + 2, 0);
}

export function headersTooLarge(maxHeaderBytes: number, request?: Request): Response {
  return errorResponse(
    431,
    'headers_too_large',
    `send at most ${maxHeaderBytes} bytes of headers (large cookies?)`,
    { Connection: 'close' },
    request,
  );
}

export function bodyTooLarge(maxBodyBytes: number, request?: Request): Response {
  return errorResponse(
    413,
    'payload_too_large',
    `send at most ${maxBodyBytes} bytes`,
    { Connection: 'close' },
    request,
  );
}

/**
 * The refusal of a request over the limits, or `null`. The handlers that
 * call this never read a body: its declared `Content-Length` is enough.
 */
export function refuseOversizedRequest(
  request: Request,
  limits: RequestLimits = {},
): Response | null {
  const { maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } =
    limits;
  if (headerBytes(request.headers) > maxHeaderBytes) {
    return headersTooLarge(maxHeaderBytes, request);
  }
  if (Number(request.headers.get('Content-Length')) > maxBodyBytes) {
    return bodyTooLarge(maxBodyBytes, request);
  }
  return null;
}
