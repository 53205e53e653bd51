import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { jsonPartsOf, jsonResponse } from '../json-response';
import { createNodeRequest } from '../node-request';

const res = { destroyed: false, once: () => res } as unknown as ServerResponse;
const nodeRequest = () => createNodeRequest('GET', 'http://shop.example/', {}, null, res);

describe('jsonResponse', () => {
  it('is a WHATWG Response for any request not from a Node adapter (Bun, Deno, edge runtimes)', async () => {
    const response = jsonResponse(
      201,
      { a: 1 },
      { Vary: 'Origin' },
      new Request('https://shop.example/'),
    );
    expect(Object.getPrototypeOf(response)).toBe(Response.prototype);
    expect(jsonPartsOf(response)).toBeUndefined();
    expect(response.status).toBe(201);
    expect([...response.headers]).toEqual([
      ['cache-control', 'no-store'],
      ['content-type', 'application/json'],
      ['vary', 'Origin'],
    ]);
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('is parts for a Node adapter to write, and still a Response to anyone else', async () => {
    const answer = jsonResponse(201, { a: 1 }, { Vary: 'Origin' }, nodeRequest());
    expect(jsonPartsOf(answer)).toEqual({
      status: 201,
      headers: { Vary: 'Origin', 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      text: '{"a":1}',
    });
    expect(answer).toBeInstanceOf(Response);
    expect(answer.ok).toBe(true);
    answer.headers.set('X-Extra', '1');
    expect(jsonPartsOf(answer)?.headers).toBe(answer.headers);
    expect(answer.headers.get('x-extra')).toBe('1');
    expect(await answer.clone().json()).toEqual({ a: 1 });
    // Once a real Response exists, its body may be read: the adapter then writes that Response.
    expect(jsonPartsOf(answer)).toBeUndefined();
    expect(await answer.text()).toBe('{"a":1}');
    expect(answer.bodyUsed).toBe(true);
    expect(answer.headers.get('x-extra')).toBe('1');
  });

  it('sets its own Content-Type and Cache-Control over the caller’s, both ways alike', () => {
    const headers = { 'cache-control': 'max-age=60' };
    const whatwg = jsonResponse(200, null, headers);
    const parts = jsonResponse(200, null, headers, nodeRequest());
    expect(whatwg.headers.get('Cache-Control')).toBe('no-store');
    expect(parts.headers.get('Cache-Control')).toBe('no-store');
  });
});
