import { standInFor } from './whatwg-stand-in';

/**
 * Set on the requests of the Node adapters, which write a JSON answer from
 * its status, headers and text: for them `jsonResponse` builds no `Response`.
 */
export const WRITES_JSON_PARTS = Symbol('chat-sso.writesJsonParts');

type HeaderRecord = Readonly<Record<string, string>>;

/** What a Node adapter writes for a JSON answer: `headers` is a `Headers` once someone asked for it. */
export interface JsonParts {
  status: number;
  headers: Headers | HeaderRecord;
  text: string;
}

/** Each header set in turn, as Node's `setHeader` does: a later name replaces an earlier one in any case. */
function toHeaders(record: HeaderRecord): Headers {
  const headers = new Headers();
  for (const name in record) headers.set(name, record[name]!);
  return headers;
}

/**
 * A JSON answer as its parts, for a Node adapter to write. On Node 20 a
 * `Response` with a body builds a web `ReadableStream`, which costs more than
 * a bare node:http server spends on a whole request (bench/RESULTS.md). To any
 * other reader it is a `Response`: members not defined here come from a real
 * one, built on first use.
 */
class JsonAnswer {
  readonly #status: number;
  readonly #text: string;
  readonly #record: HeaderRecord;
  #headers: Headers | undefined;
  #response: Response | undefined;

  /** `headers` as a record when the caller had only trusted names and values, else as `Headers` (which checked them). */
  constructor(status: number, text: string, headers: Headers | HeaderRecord) {
    this.#status = status;
    this.#text = text;
    if (headers instanceof Headers) {
      this.#record = {};
      this.#headers = headers;
    } else {
      this.#record = headers;
    }
  }

  get status(): number {
    return this.#status;
  }

  get ok(): boolean {
    return this.#status >= 200 && this.#status <= 299;
  }

  get headers(): Headers {
    if (this.#response) return this.#response.headers;
    this.#headers ??= toHeaders(this.#record);
    return this.#headers;
  }

  #whatwgResponse(): Response {
    this.#response ??= new Response(this.#text, { status: this.#status, headers: this.headers });
    return this.#response;
  }

  /** The parts to write; `undefined` once a real `Response` exists, whose body may have been read. */
  static partsOf(answer: JsonAnswer): JsonParts | undefined {
    if (answer.#response) return undefined;
    return {
      status: answer.#status,
      headers: answer.#headers ?? answer.#record,
      text: answer.#text,
    };
  }

  static {
    standInFor(JsonAnswer, Response, (answer) => answer.#whatwgResponse());
  }
}

/** How a Node adapter can write `response` without reading a body stream, if it came from `jsonResponse`. */
export function jsonPartsOf(response: Response): JsonParts | undefined {
  return response instanceof JsonAnswer ? JsonAnswer.partsOf(response) : undefined;
}

const JSON_HEADERS: HeaderRecord = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
};

/**
 * A JSON answer that no cache keeps: tokens and their refusals are per user
 * and per moment. Given a Node adapter's `request` (and headers, if any, as a
 * plain object), it is parts that the adapter writes directly.
 */
export function jsonResponse(
  status: number,
  body: unknown,
  headers?: HeadersInit,
  request?: Request,
): Response {
  const text = JSON.stringify(body);
  const direct = (request as { [WRITES_JSON_PARTS]?: true } | undefined)?.[WRITES_JSON_PARTS];
  if (direct && !(headers instanceof Headers) && !Array.isArray(headers)) {
    // Not `{ ...headers, ...JSON_HEADERS }`: V8 (Node 20) spreads a non-empty object through a slow path.
    return new JsonAnswer(
      status,
      text,
      Object.assign({}, headers, JSON_HEADERS),
    ) as unknown as Response;
  }
  const all = new Headers(headers);
  for (const name in JSON_HEADERS) all.set(name, JSON_HEADERS[name]!);
  return new Response(text, { status, headers: all });
}

/** What `json` takes besides the body: as `Response.json`'s `init`, without `statusText`. */
export interface JsonInit {
  /** 200 by default. */
  status?: number;
  /** `Content-Type: application/json` is added unless these set a `Content-Type` of their own. */
  headers?: HeadersInit;
}

const JSON_CONTENT_TYPE: HeaderRecord = { 'content-type': 'application/json' };

/** Statuses whose answers have no body: `Response.json` refuses them. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * `Response.json(body, init)` for a handler served by `toNodeHandler` or
 * `toExpressHandler`, without the web stream a `Response` with a body builds
 * on Node: the adapter writes its status, headers and text in one write.
 * Same status, headers and bytes as `Response.json`; for a request from any
 * other runtime (Bun, Deno, edge) it is `Response.json`'s real `Response`.
 */
export function json(request: Request, body: unknown, init: JsonInit = {}): Response {
  const { status = 200, headers } = init;
  const direct = (request as { [WRITES_JSON_PARTS]?: true })[WRITES_JSON_PARTS];
  const text = direct ? JSON.stringify(body) : undefined;
  // Anything Response.json refuses (a body JSON cannot hold, a status out of range) it refuses itself.
  if (
    text === undefined ||
    !Number.isInteger(status) ||
    status < 200 ||
    status > 599 ||
    NULL_BODY_STATUSES.has(status)
  ) {
    return Response.json(body, init);
  }
  if (headers === undefined) {
    return new JsonAnswer(status, text, JSON_CONTENT_TYPE) as unknown as Response;
  }
  // Headers checks and normalizes the caller's names and values as Response.json would.
  const all = new Headers(headers);
  if (!all.has('content-type')) all.set('content-type', 'application/json');
  return new JsonAnswer(status, text, all) as unknown as Response;
}

/** A small `{ error, message }` answer: a stable code and a sentence, never internals. */
export function errorResponse(
  status: number,
  error: string,
  message: string,
  headers?: HeadersInit,
  request?: Request,
): Response {
  return jsonResponse(status, { error, message }, headers, request);
}
