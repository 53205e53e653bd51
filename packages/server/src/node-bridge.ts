import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { rememberClientAddress } from './client-address';
import { errorResponse } from './json-response';
import {
  bodyTooLarge,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_HEADER_BYTES,
  headersTooLarge,
  rawHeaderBytes,
} from './request-limits';
import type { WebHandler } from './web-handler';

export interface NodeAdapterOptions {
  /** Largest request body read into the `Request`, in bytes (64 KiB by default). */
  maxBodyBytes?: number;
  /** Largest request head, in bytes (8 KiB by default; Node itself refuses more than 16 KiB). */
  maxHeaderBytes?: number;
  /** Receives what went wrong behind a 500, for the server's own log. */
  onError?(error: unknown): void;
}

/** A request body already read into memory. */
export type ParsedBody = string | Uint8Array<ArrayBuffer>;

class BodyTooLargeError extends Error {}

/** Reads the body up to `max` bytes; past that, the rest is drained unread and the read fails. */
function readBody(req: IncomingMessage, max: number): Promise<ParsedBody> {
  if (Number(req.headers['content-length']) > max) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(new BodyTooLargeError());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, item);
    }
  }
  return headers;
}

async function toRequest(
  req: IncomingMessage,
  url: string,
  body: ParsedBody | undefined,
  maxBodyBytes: number,
  signal: AbortSignal,
): Promise<Request> {
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers: toHeaders(req),
    body: hasBody ? (body ?? (await readBody(req, maxBodyBytes))) : null,
    signal,
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  if (response.body === null) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

export interface ServeOptions extends NodeAdapterOptions {
  /** The full URL of the request as the browser addressed it (parsed, and refused with 400, here). */
  url: string;
  /** A body something else (e.g. an Express body parser) already read off the stream. */
  body?: ParsedBody;
  /** Who sent the request, for per-address rate limits. */
  clientAddress?: string | undefined;
}

/** The Web request, or the answer to give when the Node request cannot become one. */
async function readRequest(
  req: IncomingMessage,
  options: ServeOptions,
  signal: AbortSignal,
): Promise<Request | Response> {
  const {
    url,
    body,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES,
  } = options;
  if (rawHeaderBytes(req.rawHeaders) > maxHeaderBytes) return headersTooLarge(maxHeaderBytes);
  try {
    const request = await toRequest(req, url, body, maxBodyBytes, signal);
    rememberClientAddress(request, options.clientAddress);
    return request;
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLarge(maxBodyBytes);
    // An unparsable Host or URL, a header the Fetch API refuses, a body cut short.
    return errorResponse(400, 'bad_request', 'the request could not be read');
  }
}

/** Answers a Node request with a Web handler; failures become small JSON errors, never a stack trace. */
export async function serveWithWebHandler(
  handler: WebHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeOptions,
): Promise<void> {
  const { onError } = options;
  const aborted = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const request = await readRequest(req, options, aborted.signal);
  let response: Response;
  try {
    response = request instanceof Response ? request : await handler(request);
  } catch (error) {
    onError?.(error);
    response = errorResponse(500, 'internal_error', 'the server could not answer');
  }
  try {
    await send(response, res);
  } catch (error) {
    onError?.(error);
    res.destroy();
  }
}
