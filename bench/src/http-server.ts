/**
 * One server of the HTTP benchmark, in a process of its own so that it never
 * shares a CPU slice or a heap with autocannon or another server:
 * `node --import tsx src/http-server.ts <kind>` listens on a free loopback
 * port and reports it to the parent over IPC.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spartez } from '@chat-sso/core/contracts';
import {
  createAccessTokens,
  createIssuer,
  createTokenHandler,
  type HmacImplementation,
  json,
  requireAccessToken,
  toNodeHandler,
} from '@chat-sso/server';
import { ACCESS_SECRET, nowSeconds, SECRET, TTL, USER } from './fixtures';
import { rawHs256 } from './token-ops';

/**
 * One load generator would hit the default rate limits at once and be
 * answered 429: they are raised out of reach, and still counted per request.
 */
const unreachable = { limit: Number.MAX_SAFE_INTEGER, window: 60 };

/** The chat-token endpoint as a site mounts it, for Spartez (seed 000); the session is always Ada's. */
function chatToken(hmac: HmacImplementation): RequestListener {
  const issuer = createIssuer({ contract: spartez, secret: SECRET, hmac });
  return toNodeHandler(
    createTokenHandler({
      issuer,
      authenticate: () => USER,
      rateLimit: { perAddress: unreachable, perSession: unreachable },
    }),
  );
}

/**
 * An API endpoint behind access tokens (seed 004): 401 unless the bearer
 * token verifies. Its handler answers the user's id with `answer`.
 */
function protectedApi(answer: (request: Request, body: unknown) => Response): RequestListener {
  const guard = requireAccessToken({ accessTokens: createAccessTokens({ secret: ACCESS_SECRET }) });
  return toNodeHandler(guard(async (request, user) => answer(request, { id: user.id })));
}

const HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** A chat-token answer, signed once: the constant bodies are as long as the real ones. */
async function constantBody(): Promise<string> {
  const issuer = createIssuer({ contract: spartez, secret: SECRET });
  return JSON.stringify(await issuer.issue(USER));
}

const jsonResponse = (body: string) => new Response(body, { headers: HEADERS });

/** node:http at its fastest: a constant body, no work per request. */
async function bare(): Promise<RequestListener> {
  const body = await constantBody();
  return (_request, response) => {
    response.writeHead(200, HEADERS);
    response.end(body);
  };
}

/** The limit for a token endpoint: node:http signing with raw node:crypto, checking nothing. */
function bareSign(): RequestListener {
  const raw = rawHs256(SECRET);
  return (_request, response) => {
    const token = raw.sign();
    response.writeHead(200, HEADERS);
    response.end(JSON.stringify({ token, expiresAt: nowSeconds() + TTL }));
  };
}

/** The limit for a protected endpoint: node:http verifying the bearer token with raw node:crypto. */
function bareVerify(): RequestListener {
  const raw = rawHs256(ACCESS_SECRET);
  return (request, response) => {
    const claims = raw.verify(request.headers.authorization?.slice('Bearer '.length) ?? '');
    response.writeHead(200, HEADERS);
    response.end(JSON.stringify({ id: (claims as { sub: string }).sub }));
  };
}

/** The Web-handler bridge alone: what `toNodeHandler` costs before any token work. */
async function webConstant(): Promise<RequestListener> {
  const body = await constantBody();
  return toNodeHandler(async () => jsonResponse(body));
}

const listeners: Record<string, () => RequestListener | Promise<RequestListener>> = {
  bare,
  'bare-sign': bareSign,
  'bare-verify': bareVerify,
  'chat-token': () => chatToken('node'),
  'chat-token-jose': () => chatToken('jose'),
  protected: () => protectedApi(json),
  'protected-response-json': () => protectedApi((_request, body) => Response.json(body)),
  'web-constant': webConstant,
};

const listener = listeners[process.argv[2] ?? ''];
if (!listener)
  throw new TypeError(`no server named ${process.argv[2]}; try ${Object.keys(listeners)}`);
const server = createServer(await listener());
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
// The benchmark ends a server by disconnecting; so does its own end, whatever the cause.
process.on('disconnect', () => process.exit(0));
