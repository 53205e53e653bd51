import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccessTokens } from '../access-token';
import { type JsonInit, json, jsonPartsOf } from '../json-response';
import { createNodeRequest } from '../node-request';
import { requireAccessToken } from '../require-access-token';
import type { WebHandler } from '../web-handler';
import { expressTarget, type HttpTarget, type HttpTargetKind, nodeTarget } from './http-targets';

/** Answers that `json` and `Response.json` each give from the same arguments. */
const answers: Record<string, { body: unknown; init?: JsonInit }> = {
  object: { body: { id: 'user-1', name: 'Ada Lovelace' } },
  text: { body: 'Zoë 🐙 says "hi"\n' },
  created: {
    body: [1, null, { nested: true }],
    init: { status: 201, headers: { Location: '/items/1', 'X-Trace': '  t1  ' } },
  },
  problem: {
    body: { title: 'gone' },
    init: { status: 410, headers: { 'Content-Type': 'application/problem+json' } },
  },
  cookies: {
    body: null,
    init: {
      headers: [
        ['Set-Cookie', 'a=1; Path=/'],
        ['Set-Cookie', 'b=2; Path=/'],
      ],
    },
  },
};

/** `/helper/<answer>` answers with `json`, `/response/<answer>` with `Response.json`. */
const handler: WebHandler = async (request) => {
  const [, kind, name] = new URL(request.url).pathname.split('/');
  const { body, init } = answers[name!]!;
  return kind === 'helper' ? json(request, body, init) : Response.json(body, init);
};

const SECRET = 'Jq7nW2xV9kR4mT8zB1cL6yH3pF0dS5gU';
const accessTokens = createAccessTokens({ secret: SECRET });
const guard = requireAccessToken({ accessTokens });
const guarded: Record<string, WebHandler> = {
  helper: guard(async (request, user) => json(request, { id: user.id, name: user.name })),
  response: guard(async (_request, user) => Response.json({ id: user.id, name: user.name })),
};
/** `/helper` and `/response` behind `requireAccessToken`, answering the user with `json` or `Response.json`. */
const protectedApi: WebHandler = (request) =>
  guarded[new URL(request.url).pathname.slice(1)]!(request);

/** The whole HTTP/1.1 answer to a GET, as sent, with its `Date` line taken out. */
function rawGet(target: HttpTarget, path: string, headers = ''): Promise<string> {
  const { hostname, port } = new URL(target.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.end(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n${headers}Connection: close\r\n\r\n`,
      ),
    );
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer.replace(/^Date: .*\r\n/m, '')));
    socket.on('error', reject);
  });
}

const res = { destroyed: false, once: () => res } as unknown as ServerResponse;
const nodeRequest = () => createNodeRequest('GET', 'http://shop.example/', {}, null, res);

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each<HttpTargetKind>([nodeTarget, expressTarget])('json through $name', (kind) => {
  let target: HttpTarget;
  let api: HttpTarget;
  beforeAll(async () => {
    target = await kind.start(handler);
    api = await kind.start(protectedApi);
  });
  afterAll(async () => {
    await target.close();
    await api.close();
  });

  it.each(Object.keys(answers))(
    'answers %s with the same bytes as Response.json, without building one',
    async (name) => {
      const expected = await rawGet(target, `/response/${name}`);
      const responseJson = vi.spyOn(Response, 'json');
      const answer = await rawGet(target, `/helper/${name}`);
      expect(answer).toBe(expected);
      expect(answer).toMatch(/^HTTP\/1\.1 [2-5]\d\d /);
      expect(responseJson).not.toHaveBeenCalled();
    },
  );

  it('answers a protected handler’s user with the same bytes as Response.json, without building one', async () => {
    const { token } = await accessTokens.issue({ id: 'user-1', name: 'Ada Lovelace' });
    const authorization = `Authorization: Bearer ${token}\r\n`;
    const expected = await rawGet(api, '/response', authorization);
    const responseJson = vi.spyOn(Response, 'json');
    const answer = await rawGet(api, '/helper', authorization);
    expect(answer).toBe(expected);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('\r\n\r\n{"id":"user-1","name":"Ada Lovelace"}');
    expect(responseJson).not.toHaveBeenCalled();
  });
});

describe('json', () => {
  it.each(Object.entries(answers))(
    'is Response.json’s real Response for a plain Web Request (%s)',
    async (_name, { body, init }) => {
      const answer = json(new Request('https://shop.example/'), body, init);
      const expected = Response.json(body, init);
      expect(Object.getPrototypeOf(answer)).toBe(Response.prototype);
      expect(jsonPartsOf(answer)).toBeUndefined();
      expect(answer.status).toBe(expected.status);
      expect([...answer.headers]).toEqual([...expected.headers]);
      expect(await answer.text()).toBe(await expected.text());
    },
  );

  it('is parts a Node adapter writes for its requests, and a Response to anyone else', async () => {
    const answer = json(nodeRequest(), { id: 'user-1' }, { status: 201 });
    expect(jsonPartsOf(answer)).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json' },
      text: '{"id":"user-1"}',
    });
    expect(answer).toBeInstanceOf(Response);
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    expect(await answer.json()).toEqual({ id: 'user-1' });
  });

  it('is parts for a protected handler answering a Node adapter’s request', async () => {
    const { token } = await accessTokens.issue({ id: 'user-1', name: 'Ada Lovelace' });
    const request = createNodeRequest(
      'GET',
      'http://shop.example/helper',
      { authorization: `Bearer ${token}` },
      null,
      res,
    );
    expect(jsonPartsOf(await protectedApi(request))?.text).toBe(
      '{"id":"user-1","name":"Ada Lovelace"}',
    );
  });

  it.each<[string, unknown, JsonInit, ErrorConstructor]>([
    ['a body JSON cannot hold', undefined, {}, TypeError],
    ['a status without a body', { a: 1 }, { status: 204 }, TypeError],
    ['a status out of range', { a: 1 }, { status: 600 }, RangeError],
    ['a header name HTTP refuses', { a: 1 }, { headers: { 'Bad Name': 'x' } }, TypeError],
    [
      'a header value with a line break',
      { a: 1 },
      { headers: { 'X-A': 'a\r\nX-B: b' } },
      TypeError,
    ],
  ])('refuses %s as Response.json does, for any request', (_case, body, init, error) => {
    expect(() => Response.json(body, init)).toThrow(error);
    expect(() => json(nodeRequest(), body, init)).toThrow(error);
    expect(() => json(new Request('https://shop.example/'), body, init)).toThrow(error);
  });
});
