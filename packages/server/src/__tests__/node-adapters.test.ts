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

/** Echoes what reached it as a Web `Request`, so the conversion itself is visible. */
const echo: WebHandler = async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/throw') throw new Error('database password is hunter2');
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
