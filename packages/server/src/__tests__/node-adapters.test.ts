import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebHandler } from '../web-handler';
import { expressTarget, type HttpTarget, nodeTarget } from './http-targets';

/** Sends raw HTTP/1.1, as no well-behaved client would, and resolves with the whole answer. */
function rawRequest(origin: string, text: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A promise with its resolve function, for steps the test and a handler take in turn. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const encoder = new TextEncoder();
let handlerCalled = deferred();
let handlerSawAbort = deferred();
let releaseSecondChunk = deferred();
let answerCancelled = deferred<unknown>();

/** What `/request` tells about the `Request` it got. */
async function describeRequest(request: Request) {
  return Response.json({
    isRequest: request instanceof Request,
    headersAreHeaders: request.headers instanceof Headers,
    custom: request.headers.get('X-Custom'),
    listed: [...request.headers].some(([name]) => name === 'x-custom'),
    cloned: await request.clone().text(),
    body: await request.text(),
  });
}

/** Echoes what reached it as a Web `Request`, so the conversion itself is visible. */
const echo: WebHandler = async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/throw') throw new Error('database password is hunter2');
  if (url.pathname === '/request') return describeRequest(request);
  if (url.pathname === '/stream') {
    return new Response(
      new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(encoder.encode('first ')),
        async pull(controller) {
          await releaseSecondChunk.promise;
          controller.enqueue(encoder.encode('second'));
          controller.close();
        },
      }),
    );
  }
  if (url.pathname === '/wait-for-abort') {
    request.signal.addEventListener('abort', () => handlerSawAbort.resolve());
    handlerCalled.resolve();
    // An answer that never comes: only the client's leaving ends it.
    return new Response(
      new ReadableStream({ cancel: (reason) => answerCancelled.resolve(reason) }),
    );
  }
  const headers = new Headers({ 'Content-Type': 'application/json' });
  headers.append('Set-Cookie', 'a=1; Path=/');
  headers.append('Set-Cookie', 'b=2; Path=/');
  return new Response(
    JSON.stringify({
      method: request.method,
      url: request.url,
      accept: request.headers.get('X-Custom'),
      body: await request.text(),
    }),
    { status: 201, headers },
  );
};

describe.each([nodeTarget, expressTarget])('$name', (kind) => {
  let target: HttpTarget;
  const onError = vi.fn();

  beforeAll(async () => {
    target = await kind.start(echo, { maxBodyBytes: 1024, onError });
  });
  afterAll(() => target.close());

  it('hands the handler the method, full URL, headers and body', async () => {
    const response = await target.fetch('/echo?x=1', {
      method: 'POST',
      headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      method: 'POST',
      url: `${target.origin}/echo?x=1`,
      accept: 'yes',
      body: 'hello',
    });
  });

  it('passes a JSON body, whether it reads it or an Express body parser already did', async () => {
    const response = await target.fetch('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a": 1}',
    });
    expect(((await response.json()) as { body: string }).body).toMatch(/^\{"a": ?1\}$/);
  });

  it('keeps every Set-Cookie header', async () => {
    const response = await target.fetch('/echo');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('answers 413 to a body above the cap, declared or streamed', async () => {
    const declared = await target.fetch('/echo', { method: 'POST', body: 'x'.repeat(1025) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      error: 'payload_too_large',
      message: 'send at most 1024 bytes',
    });
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new Uint8Array(512).fill(120));
        controller.close();
      },
    });
    const streamed = await target.fetch('/echo', {
      method: 'POST',
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers 400 to a Host that makes no URL, and keeps serving', async () => {
    const answer = await rawRequest(
      target.origin,
      'GET /echo HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('{"error":"bad_request","message":"the request could not be read"}');
    expect((await target.fetch('/echo')).status).toBe(201);
  });

  it('hands the handler a Request: its headers, clone() and body', async () => {
    const response = await target.fetch('/request', {
      method: 'POST',
      headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(await response.json()).toEqual({
      isRequest: true,
      headersAreHeaders: true,
      custom: 'yes',
      listed: true,
      cloned: 'hello',
      body: 'hello',
    });
  });

  it('answers HEAD with the status and headers, without the body', async () => {
    const response = await target.fetch('/echo', { method: 'HEAD' });
    expect(response.status).toBe(201);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await response.text()).toBe('');
  });

  it('sends a streamed body as it is produced, not once it ends', async () => {
    releaseSecondChunk = deferred();
    const response = await target.fetch('/stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // The second chunk waits for the first to arrive: a bridge that buffered the body would hang here.
    expect((await reader.read()).value).toBe('first ');
    releaseSecondChunk.resolve();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += chunk.value;
    }
    expect(rest).toBe('second');
  });

  it('aborts request.signal and cancels the answer when the client goes away', async () => {
    handlerCalled = deferred();
    handlerSawAbort = deferred();
    answerCancelled = deferred();
    const client = new AbortController();
    const request = target.fetch('/wait-for-abort', { signal: client.signal });
    await handlerCalled.promise;
    client.abort();
    await expect(request).rejects.toThrow();
    await handlerSawAbort.promise;
    await answerCancelled.promise;
    expect((await target.fetch('/echo')).status).toBe(201);
  });

  it.each([
    ['TRACE, a method the Fetch API refuses', 'TRACE /echo HTTP/1.1\r\nHost: 127.0.0.1'],
    ['a Host with credentials', 'GET /echo HTTP/1.1\r\nHost: ada:secret@127.0.0.1'],
  ])('answers 400 to %s, as new Request would', async (_name, head) => {
    const answer = await rawRequest(target.origin, `${head}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('{"error":"bad_request","message":"the request could not be read"}');
  });

  it('answers 500 as small JSON when the handler throws, and tells onError', async () => {
    onError.mockClear();
    const response = await target.fetch('/throw');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'internal_error',
      message: 'the server could not answer',
    });
    expect(text).not.toContain('hunter2');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'database password is hunter2' }),
    );
  });
});
