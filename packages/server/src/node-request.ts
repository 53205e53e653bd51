import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS } from './client-address';
import { WRITES_JSON_PARTS } from './json-response';
import { standInFor } from './whatwg-stand-in';

/** A request body already read into memory. */
export type ParsedBody = string | Uint8Array<ArrayBuffer>;

/**
 * A Node request's headers as `Headers`. `get`, `has` and `forEach` read
 * Node's parsed headers as they are; anything else (`set`, iteration…) goes
 * to a WHATWG `Headers` built on first use, which every read then follows.
 */
class NodeHeaders {
  readonly #node: IncomingHttpHeaders;
  #headers: Headers | undefined;

  constructor(node: IncomingHttpHeaders) {
    this.#node = node;
  }

  get(name: string): string | null {
    if (this.#headers) return this.#headers.get(name);
    const value = this.#node[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    if (this.#headers) return this.#headers.has(name);
    return this.#node[name.toLowerCase()] !== undefined;
  }

  /** In `Headers`' order: by name, each `Set-Cookie` on its own. */
  forEach(
    callback: (value: string, name: string, headers: Headers) => void,
    thisArg?: unknown,
  ): void {
    if (this.#headers) {
      this.#headers.forEach(callback, thisArg);
      return;
    }
    const self = this as unknown as Headers;
    for (const name of Object.keys(this.#node).sort()) {
      const value = this.#node[name]!;
      if (!Array.isArray(value)) callback.call(thisArg, value, name, self);
      else if (name === 'set-cookie')
        for (const item of value) callback.call(thisArg, item, name, self);
      else callback.call(thisArg, value.join(', '), name, self);
    }
  }

  #whatwgHeaders(): Headers {
    if (!this.#headers) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(this.#node)) {
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
          headers.append(name, item);
        }
      }
      this.#headers = headers;
    }
    return this.#headers;
  }

  static {
    standInFor(NodeHeaders, Headers, (headers) => headers.#whatwgHeaders());
  }
}

/** Methods the Fetch API refuses to build a `Request` with (Node hands CONNECT to another event). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The URL as `new Request` takes it: parsed, normalized, without credentials. */
function normalizedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError('a request URL cannot carry credentials');
  }
  return parsed.href;
}

/** `scheme://host:port` spelled with nothing the URL parser could read another way. */
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.:[\]-]+$/;
/**
 * The plain origin of the last URL that parsed. The parser never refuses a
 * path, query or fragment, so that origin followed by `/` and anything parses
 * too: the requests a server gets, to one or a few hosts, skip `URL.canParse`.
 */
let parsedOrigin = '';

/** `URL.canParse(url)`, answered from `parsedOrigin` when the URL starts with it. */
function parses(url: string): boolean {
  if (
    parsedOrigin !== '' &&
    url.startsWith(parsedOrigin) &&
    url.charCodeAt(parsedOrigin.length) === 0x2f // '/'
  ) {
    return true;
  }
  if (!URL.canParse(url)) return false;
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const origin = slash < 0 ? url : url.slice(0, slash);
  if (PLAIN_ORIGIN.test(origin)) parsedOrigin = origin;
  return true;
}

/**
 * The `Request` a Web handler gets from Node. Method, URL and headers read
 * from Node as they are (the URL normalized on first read); the abort signal
 * is made when first asked for, and anything else (body, `clone()`…) comes
 * from a WHATWG `Request` built on first use: that `Request`, its signal and
 * its `Headers` cost more than a bare node:http server spends on a whole
 * request (bench/RESULTS.md).
 */
class NodeRequest {
  readonly #method: string;
  readonly #url: string;
  #normalizedUrl: string | undefined;
  readonly #headers: NodeHeaders;
  readonly #body: ParsedBody | null;
  readonly #res: ServerResponse;
  readonly #clientAddress: string | undefined;
  #signal: AbortSignal | undefined;
  #request: Request | undefined;

  constructor(
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    body: ParsedBody | null,
    res: ServerResponse,
    clientAddress: string | undefined,
  ) {
    this.#method = method;
    this.#url = url;
    this.#headers = new NodeHeaders(headers);
    this.#body = body;
    this.#res = res;
    this.#clientAddress = clientAddress;
  }

  get method(): string {
    return this.#method;
  }

  get url(): string {
    this.#normalizedUrl ??= normalizedUrl(this.#url);
    return this.#normalizedUrl;
  }

  get headers(): Headers {
    return this.#headers as unknown as Headers;
  }

  /** Aborted when the client goes away before the whole answer was sent. */
  get signal(): AbortSignal {
    if (!this.#signal) {
      const controller = new AbortController();
      const res = this.#res;
      const abortUnlessFinished = () => {
        if (!res.writableFinished) controller.abort();
      };
      if (res.destroyed) abortUnlessFinished();
      else res.once('close', abortUnlessFinished);
      this.#signal = controller.signal;
    }
    return this.#signal;
  }

  get [WRITES_JSON_PARTS](): true {
    return true;
  }

  get [CLIENT_ADDRESS](): string | undefined {
    return this.#clientAddress;
  }

  #whatwgRequest(): Request {
    this.#request ??= new Request(this.url, {
      method: this.#method,
      headers: this.headers,
      body: this.#body,
      signal: this.signal,
    });
    return this.#request;
  }

  static {
    standInFor(NodeRequest, Request, (request) => request.#whatwgRequest());
  }
}

/**
 * The Web view of a Node request whose body, if any, was read into memory,
 * sent from `clientAddress` (for the rate limits). Throws a `TypeError` where
 * `new Request` would: a forbidden method, a URL that does not parse or
 * carries credentials.
 */
export function createNodeRequest(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: ParsedBody | null,
  res: ServerResponse,
  clientAddress?: string,
): Request {
  if (FORBIDDEN_METHODS.has(method)) throw new TypeError(`${method} is not a Fetch method`);
  // Most URLs have no `@`, so no credentials: checking that they parse is enough until `url` is read.
  if (!parses(url) || url.includes('@')) normalizedUrl(url);
  return new NodeRequest(method, url, headers, body, res, clientAddress) as unknown as Request;
}
