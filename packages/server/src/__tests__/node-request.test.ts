import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodeRequest } from '../node-request';

/** Only the parts of a response the request reads before the client leaves: none here. */
const res = { destroyed: false, once: () => res } as unknown as ServerResponse;

const requestWith = (headers: IncomingHttpHeaders) =>
  createNodeRequest('GET', 'http://shop.example/a/../b?x=1', headers, null, res);

/** The `Headers` the adapters used to build from Node's headers, one append per value. */
function whatwgHeaders(node: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(node)) {
    for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item);
  }
  return headers;
}

/** Node's parsed headers: lowercase names, trimmed values, Set-Cookie as a list. */
const nodeHeaders = fc
  .dictionary(
    fc.constantFrom('accept', 'authorization', 'cookie', 'host', 'origin', 'x-b', 'x-a', 'zeta'),
    fc.string({ unit: fc.constantFrom(...'ab =;,.:/'), minLength: 1 }).map((value) => value.trim()),
  )
  .chain((headers) =>
    fc
      .option(fc.array(fc.constantFrom('a=1', 'b=2; Path=/'), { minLength: 1, maxLength: 3 }))
      .map((cookies) => ({ ...headers, ...(cookies ? { 'set-cookie': cookies } : {}) })),
  );

describe('the Request the Node adapters hand to handlers', () => {
  it('reads headers as the WHATWG Headers built from them would, in any case', () => {
    fc.assert(
      fc.property(
        nodeHeaders,
        fc.constantFrom('Cookie', 'X-A', 'set-cookie', 'missing'),
        (node, name) => {
          const ours = requestWith(node).headers;
          const theirs = whatwgHeaders(node);
          expect(ours.get(name)).toBe(theirs.get(name));
          expect(ours.has(name)).toBe(theirs.has(name));
          const seen: [string, string][] = [];
          ours.forEach((value, key) => {
            seen.push([key, value]);
          });
          expect(seen).toEqual([...theirs]);
          expect([...ours]).toEqual([...theirs]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('follows its own changes once a header is set', () => {
    const headers = requestWith({ accept: 'text/html' }).headers;
    headers.set('Accept', 'application/json');
    headers.append('X-Extra', '1');
    expect(headers.get('accept')).toBe('application/json');
    expect([...headers]).toEqual([
      ['accept', 'application/json'],
      ['x-extra', '1'],
    ]);
  });

  it('is a Request whose URL is normalized as new Request does', () => {
    const request = requestWith({ host: 'shop.example' });
    expect(request).toBeInstanceOf(Request);
    expect(request.headers).toBeInstanceOf(Headers);
    expect(request.url).toBe('http://shop.example/b?x=1');
    expect(request.method).toBe('GET');
    expect(request.cache).toBe('default');
    expect(Object.prototype.toString.call(request)).toBe('[object Request]');
  });

  it('refuses with a TypeError what new Request refuses', () => {
    const create = (method: string, url: string) => () =>
      createNodeRequest(method, url, {}, null, res);
    for (const method of ['CONNECT', 'TRACE', 'TRACK']) {
      expect(create(method, 'http://shop.example/')).toThrow(TypeError);
      expect(() => new Request('http://shop.example/', { method })).toThrow(TypeError);
    }
    for (const url of [
      'http://bad host/',
      'http://ada:pw@shop.example/',
      'http://:pw@shop.example/',
    ]) {
      expect(create('GET', url)).toThrow(TypeError);
      expect(() => new Request(url)).toThrow(TypeError);
    }
    expect(create('GET', 'http://shop.example/users/ada@example.com')().url).toBe(
      'http://shop.example/users/ada@example.com',
    );
  });

  it('accepts exactly the URLs new Request accepts, whatever URLs came before it', () => {
    const origins = [
      'http://shop.example',
      'https://shop.example:8443',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://shop.example:99999',
      'http://1.2.3.999',
      'http://[::1',
      'http://',
      'http://\t',
      'http://a\\b',
      'http://a?b',
      'http://ada@shop.example',
      'http://shop.example:8443x',
    ];
    const url = fc
      .tuple(
        fc.constantFrom(...origins),
        fc.constantFrom('', '/', '//'),
        fc.string({ unit: fc.constantFrom(...'/ab [%@?#\\\t:é'), maxLength: 8 }),
      )
      .map(([origin, slashes, rest]) => `${origin}${slashes}${rest}`);
    /** The request, or `refused` when building it threw (the adapters then answer 400). */
    const built = (build: () => Request) => {
      try {
        return build();
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        return 'refused';
      }
    };
    fc.assert(
      fc.property(fc.array(url, { maxLength: 8 }), (urls) => {
        for (const each of urls) {
          const expected = built(() => new Request(each));
          const request = built(() => createNodeRequest('GET', each, {}, null, res));
          if (expected === 'refused') expect(request).toBe('refused');
          else expect(request !== 'refused' && request.url).toBe(expected.url);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
