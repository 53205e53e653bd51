import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { errorResponse, jsonPartsOf } from './json-response';
import { createNodeRequest, type ParsedBody } from './node-request';
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

/** Resolves on the next turn of the process's tick queue, after every microtask queued before. */
const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

/**
 * Writes a `Response`'s body. One made from a string or bytes is one chunk,
 * and its stream closes within the same tick: it goes out in one write, with
 * `Content-Length`, by Node. Any other body streams as it comes.
 */
async function sendStream(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  // Before the rest is piped (which cancels on its own), a client that leaves cancels the body.
  res.once('close', () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  const first = await reader.read();
  if (first.done) {
    res.end();
    return;
  }
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined = reader.read();
  const next = await Promise.race([pending, nextTick()]);
  if (next?.done) {
    res.end(first.value);
    return;
  }
  const rest = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(first.value),
    async pull(controller) {
      const { done, value } = await (pending ?? reader.read());
      pending = undefined;
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  await pipeline(Readable.fromWeb(rest as NodeReadableStream<Uint8Array>), res);
}

function setHeaders(res: ServerResponse, headers: Headers): void {
  for (const [name, value] of headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
}

/** Writes the answer; a promise only while a body stream is still being sent. */
function send(response: Response, res: ServerResponse): Promise<void> | undefined {
  const json = jsonPartsOf(response);
  if (json) {
    res.statusCode = json.status;
    if (json.headers instanceof Headers) setHeaders(res, json.headers);
    else for (const name in json.headers) res.setHeader(name, json.headers[name]!);
    res.end(json.text);
    return undefined;
  }
  res.statusCode = response.status;
  setHeaders(res, response.headers);
  if (response.body !== null) return sendStream(response.body, res);
  res.end();
  return undefined;
}

/** What an adapter read off the Node request besides `req` itself. */
export interface RequestSource {
  /** The full URL of the request as the browser addressed it (parsed, and refused with 400, here). */
  url: string;
  /** A body something else (e.g. an Express body parser) already read off the stream. */
  body?: ParsedBody | undefined;
  /** Who sent the request, for per-address rate limits. */
  clientAddress?: string | undefined;
}

/**
 * The Web request, or the answer to give when the Node request cannot become
 * one; a promise only while a body is being read.
 */
function readRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeAdapterOptions,
  source: RequestSource,
): Request | Response | Promise<Request | Response> {
  const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES } =
    options;
  if (rawHeaderBytes(req.rawHeaders) > maxHeaderBytes) return headersTooLarge(maxHeaderBytes);
  const method = req.method ?? 'GET';
  const toRequest = (content: ParsedBody | null): Request | Response => {
    try {
      return createNodeRequest(method, source.url, req.headers, content, res, source.clientAddress);
    } catch {
      return unreadable();
    }
  };
  if (method === 'GET' || method === 'HEAD') return toRequest(null);
  if (source.body !== undefined) return toRequest(source.body);
  return readBody(req, maxBodyBytes).then(toRequest, (error) =>
    error instanceof BodyTooLargeError ? bodyTooLarge(maxBodyBytes) : unreadable(),
  );
}

/** An unparsable Host or URL, a header the Fetch API refuses, a body cut short. */
const unreadable = () => errorResponse(400, 'bad_request', 'the request could not be read');

/**
 * Answers a Node request with a Web handler; failures become small JSON
 * errors, never a stack trace. The adapters pass their `options` as given and
 * what they read per request as `source`: no object is rebuilt per request.
 */
export async function serveWithWebHandler(
  handler: WebHandler,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeAdapterOptions,
  source: RequestSource,
): Promise<void> {
  // Awaiting only a promise spares the bodiless requests a turn of the microtask queue.
  const read = readRequest(req, res, options, source);
  const request = read instanceof Promise ? await read : read;
  let response: Response;
  try {
    response = request instanceof Response ? request : await handler(request);
  } catch (error) {
    options.onError?.(error);
    response = errorResponse(500, 'internal_error', 'the server could not answer');
  }
  try {
    const sending = send(response, res);
    if (sending) await sending;
  } catch (error) {
    options.onError?.(error);
    res.destroy();
  }
}
