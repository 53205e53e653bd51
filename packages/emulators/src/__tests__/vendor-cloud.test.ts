import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVendorCloud, type VendorCloud } from '../create-vendor-cloud';
import type { CloudErrorResponse, CloudLog, LoginResponse } from '../wire';
import { FAULTS_HEADER } from '../wire';
import { ada, lifetime, secrets, sign } from './tokens';

const NOW = 1_750_000_000;
const at =
  (now = NOW) =>
  () =>
    now;

function post(
  cloud: VendorCloud,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return cloud(
    new Request(`http://vendor.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function refusal(response: Response): Promise<CloudErrorResponse> {
  return (await response.json()) as CloudErrorResponse;
}

async function log(cloud: VendorCloud): Promise<CloudLog['events']> {
  const response = await cloud(new Request('http://vendor.test/vendor/x/log'));
  return ((await response.json()) as CloudLog).events;
}

const spartezClaims = { email: ada.email, displayName: ada.name, ...lifetime(300, NOW) };
const tiledeskClaims = { name: ada.name, email: ada.email, external_id: ada.id };
const spartez = () => createVendorCloud('spartez', { secret: secrets.spartez, now: at() });

describe('vendor cloud: signed-token vendors', () => {
  it('accepts a valid Spartez token and answers the verified user, a session and its end', async () => {
    const response = await post(spartez(), '/vendor/spartez/login', {
      token: await sign(spartezClaims, secrets.spartez),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as LoginResponse;
    expect(body.user).toEqual({ id: ada.email, name: ada.name, email: ada.email });
    expect(body.expiresAt).toBe(NOW + 300);
    expect(body.session).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a Tiledesk token living longer than 10 min with the contract's rule message", async () => {
    const cloud = createVendorCloud('tiledesk', { secret: secrets.tiledesk, now: at() });
    const token = await sign({ ...tiledeskClaims, ...lifetime(4 * 3600, NOW) }, secrets.tiledesk);
    const response = await post(cloud, '/vendor/tiledesk/login', { token: `JWT ${token}` });
    expect(response.status).toBe(401);
    const body = await refusal(response);
    expect(body.error).toBe('invalid_token');
    expect(body.message).toBe(
      'Visitor authentication failed: exp is 4 h after iat; Tiledesk allows at most 10 min',
    );
    expect(body.rules).toEqual([
      { rule: 'exp.max_lifetime', message: 'exp is 4 h after iat; Tiledesk allows at most 10 min' },
    ]);
  });

  it('lists every broken rule at once (iat in milliseconds, displayName missing)', async () => {
    const claims = { email: ada.email, iat: NOW * 1000, exp: NOW + 300 };
    const body = await refusal(
      await post(spartez(), '/login', { token: await sign(claims, secrets.spartez) }),
    );
    expect(body.rules?.map((rule) => rule.rule)).toEqual(['iat.seconds', 'displayName.text']);
    expect(body.message).toContain('iat is in milliseconds');
    expect(body.message).toContain('displayName is missing');
  });

  it('refuses a token signed with another secret, and one whose payload was altered', async () => {
    const cloud = spartez();
    const foreign = await sign(spartezClaims, 'another-projects-secret-0123456789abcdef');
    expect((await refusal(await post(cloud, '/login', { token: foreign }))).message).toBe(
      'SSO login failed: the signature does not match the shared secret',
    );
    const [header, , signature] = (await sign(spartezClaims, secrets.spartez)).split('.');
    const payload = base64url.encode(
      JSON.stringify({ ...spartezClaims, email: 'eve@example.com' }),
    );
    const altered = await post(cloud, '/login', { token: `${header}.${payload}.${signature}` });
    expect((await refusal(altered)).rules).toEqual([
      { rule: 'signature', message: 'the signature does not match the shared secret' },
    ]);
  });

  it('refuses alg none and HS512 by the contract rule, before any signature check', async () => {
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const none = `${encode({ alg: 'none' })}.${encode(spartezClaims)}.c2ln`;
    const hs512 = await sign(spartezClaims, secrets.spartez, { alg: 'HS512' });
    for (const [token, alg] of [
      [none, 'none'],
      [hs512, 'HS512'],
    ]) {
      const body = await refusal(await post(spartez(), '/login', { token }));
      expect(body.rules).toEqual([
        { rule: 'header.alg', message: `alg is "${alg}"; Spartez Support Chat accepts only HS256` },
      ]);
    }
  });

  it('refuses header fields other than alg, typ and kid (jku, jwk)', async () => {
    const token = await sign(spartezClaims, secrets.spartez, {
      jku: 'https://attacker.example/jwks',
      jwk: { kty: 'oct' },
    });
    const body = await refusal(await post(spartez(), '/login', { token }));
    expect(body.message).toBe(
      'SSO login failed: the header carries "jku", "jwk"; only alg, typ and kid are allowed',
    );
  });

  it('refuses malformed and oversized tokens unread, and a body without a token', async () => {
    const cloud = spartez();
    const long = `${'a'.repeat(4097)}.b.c`;
    expect((await refusal(await post(cloud, '/login', { token: long }))).message).toContain(
      'longer than 4096 characters',
    );
    expect((await refusal(await post(cloud, '/login', { token: 'not-a-jwt' }))).rules).toEqual([
      {
        rule: 'token.format',
        message: 'the token is malformed: it does not have three dot-separated parts',
      },
    ]);
    const missing = await post(cloud, '/login', { tokn: 'x' });
    expect(missing.status).toBe(400);
    expect((await refusal(missing)).message).toBe('token is missing or not a string');
  });

  it('Tiledesk requires the "JWT " prefix and verifies the token after it', async () => {
    const cloud = createVendorCloud('tiledesk', { secret: secrets.tiledesk, now: at() });
    const token = await sign({ ...tiledeskClaims, ...lifetime(300, NOW) }, secrets.tiledesk);
    const bare = await refusal(await post(cloud, '/login', { token }));
    expect(bare.rules?.[0]?.rule).toBe('token.prefix');
    expect(bare.message).toContain('Tiledesk expects "JWT <token>"');
    const prefixed = await post(cloud, '/login', { token: `JWT ${token}` });
    expect(((await prefixed.json()) as LoginResponse).user.id).toBe(ada.id);
  });

  it('MedChat verifies with the bytes the base64url secret decodes to, not its text', async () => {
    const cloud = createVendorCloud('medchat', { secret: secrets.medchat, now: at() });
    const claims = { name: ada.name, external_id: ada.id, ...lifetime(4 * 3600, NOW) };
    const withText = await sign(claims, secrets.medchat);
    expect((await post(cloud, '/login', { token: withText })).status).toBe(401);
    const withBytes = await sign(claims, base64url.decode(secrets.medchat));
    const response = await post(cloud, '/login', { token: withBytes });
    expect(((await response.json()) as LoginResponse).user).toEqual({ id: ada.id, name: ada.name });
  });

  it('Zendesk verifies with the signing key its kid names, among several', async () => {
    const cloud = createVendorCloud('zendesk', { keys: secrets.zendesk, now: at() });
    const claims = { external_id: ada.id, scope: 'user', name: ada.name, ...lifetime(300, NOW) };
    for (const [kid, secret] of Object.entries(secrets.zendesk)) {
      const response = await post(cloud, '/login', { token: await sign(claims, secret, { kid }) });
      expect(response.status).toBe(200);
    }
    const crossed = await sign(claims, secrets.zendesk['app_key-1'], { kid: 'app_key-2' });
    expect((await refusal(await post(cloud, '/login', { token: crossed }))).message).toBe(
      'JWT authentication failed: the signature does not match the signing key',
    );
    const unknown = await sign(claims, secrets.zendesk['app_key-1'], { kid: 'app_key-9' });
    expect((await refusal(await post(cloud, '/login', { token: unknown }))).rules).toEqual([
      { rule: 'header.kid', message: `kid "app_key-9" names none of the account's signing keys` },
    ]);
    const missing = await sign(claims, secrets.zendesk['app_key-1']);
    expect((await refusal(await post(cloud, '/login', { token: missing }))).rules?.[0]).toEqual({
      rule: 'header.kid',
      message: 'kid is missing; Zendesk messaging needs the id of the signing key',
    });
  });

  it('names a Zendesk user by name, else email, else external_id', async () => {
    const cloud = createVendorCloud('zendesk', { keys: secrets.zendesk, now: at() });
    const kid = 'app_key-1';
    const base = { external_id: ada.id, scope: 'user', ...lifetime(300, NOW) };
    const names = [];
    for (const claims of [{ ...base, email: ada.email }, base]) {
      const token = await sign(claims, secrets.zendesk[kid], { kid });
      names.push(
        ((await (await post(cloud, '/login', { token })).json()) as LoginResponse).user.name,
      );
    }
    expect(names).toEqual([ada.email, ada.id]);
  });

  it('refuses bad configuration with a TypeError: short secrets, bad encodings, >10 Zendesk keys', () => {
    expect(() => createVendorCloud('spartez', { secret: 'short' })).toThrow(
      new TypeError('Spartez Support Chat: the shared secret is 5 bytes; use at least 32'),
    );
    expect(() => createVendorCloud('medchat', { secret: 'not base64url!'.repeat(4) })).toThrow(
      new TypeError('MedChat: the shared secret is not base64url text'),
    );
    const keys = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`k${i}`, secrets.zendesk['app_key-1']]),
    );
    expect(() => createVendorCloud('zendesk', { keys })).toThrow(
      new TypeError('Zendesk messaging: configure 1 to 10 signing keys, not 11'),
    );
    expect(() => createVendorCloud('zendesk', { keys: {} })).toThrow(
      new TypeError('Zendesk messaging: configure 1 to 10 signing keys, not 0'),
    );
  });

  it('uses the injected clock: a token valid when issued is expired for a cloud 2 h later', async () => {
    const later = createVendorCloud('spartez', { secret: secrets.spartez, now: at(NOW + 7200) });
    const body = await refusal(
      await post(later, '/login', { token: await sign(spartezClaims, secrets.spartez) }),
    );
    expect(body.rules).toEqual([
      { rule: 'exp.not_expired', message: 'the token expired 1 h 55 min ago' },
    ]);
  });
});

describe('vendor cloud: sessions and log', () => {
  it('records logins, rejections and logouts in order; unknown sessions log nothing', async () => {
    const cloud = spartez();
    const token = await sign(spartezClaims, secrets.spartez);
    const { session } = (await (await post(cloud, '/login', { token })).json()) as LoginResponse;
    await post(cloud, '/login', { token: 'x.y.z' });
    expect((await post(cloud, '/logout', { session })).status).toBe(200);
    expect((await post(cloud, '/logout', { session })).status).toBe(200);
    const user = { id: ada.email, name: ada.name, email: ada.email };
    expect(await log(cloud)).toEqual([
      { seq: 1, at: NOW, type: 'login', user },
      {
        seq: 2,
        at: NOW,
        type: 'login_rejected',
        reason:
          'SSO login failed: the token is malformed: the header is not base64url-encoded JSON',
      },
      { seq: 3, at: NOW, type: 'logout', user },
    ]);
  });

  it('keeps the last 1000 events', async () => {
    const cloud = spartez();
    for (let attempt = 0; attempt < 1001; attempt += 1) {
      await post(cloud, '/login', { token: 'not-a-jwt' });
    }
    const events = await log(cloud);
    expect(events).toHaveLength(1000);
    expect(events[0]?.seq).toBe(2);
    expect(events.at(-1)?.seq).toBe(1001);
  });

  it('never echoes the token or the secret in an answer or the log', async () => {
    const cloud = spartez();
    const token = await sign({ ...spartezClaims, iat: NOW * 1000 }, secrets.spartez);
    const response = await post(cloud, '/login', { token });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = await response.text();
    const events = JSON.stringify(await log(cloud));
    for (const text of [answer, events]) {
      expect(text).not.toContain(token.split('.')[2]);
      expect(text).not.toContain(secrets.spartez);
    }
  });
});

describe('vendor cloud: requests', () => {
  it('refuses a body larger than maxBodyBytes, announced or streamed, with 413', async () => {
    const cloud = createVendorCloud('spartez', { secret: secrets.spartez, maxBodyBytes: 64 });
    const announced = await post(cloud, '/login', { token: 'x'.repeat(100) });
    expect(announced.status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(40));
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await cloud(
      new Request('http://vendor.test/login', {
        method: 'POST',
        body: streamed,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect((await refusal(response)).message).toBe('the request body is larger than 64 bytes');
  });

  it('answers 400 for a body that is not a JSON object, 404 and 405 for other requests', async () => {
    const cloud = spartez();
    for (const body of ['{"token":', '[1]', 'null']) {
      expect((await post(cloud, '/login', body)).status).toBe(400);
    }
    expect((await post(cloud, '/vendor/spartez/refresh', {})).status).toBe(404);
    expect((await cloud(new Request('http://vendor.test/login'))).status).toBe(405);
    expect((await post(cloud, '/log', {})).status).toBe(405);
  });
});

describe('vendor cloud: faults', () => {
  const token = () => sign(spartezClaims, secrets.spartez);

  it('an outage answers 503 to logins and logouts, from options or from the faults header', async () => {
    const down = createVendorCloud('spartez', { secret: secrets.spartez, now: at(), outage: true });
    const response = await post(down, '/login', { token: await token() });
    expect(response.status).toBe(503);
    expect(await refusal(response)).toEqual({
      error: 'unavailable',
      message: 'Spartez Support Chat is temporarily unavailable (emulated outage); try again later',
    });
    const header = { [FAULTS_HEADER]: JSON.stringify({ outage: true }) };
    expect((await post(spartez(), '/logout', { session: 'x' }, header)).status).toBe(503);
  });

  it('rejectTokens refuses even a valid token, in the vendor words', async () => {
    const header = { [FAULTS_HEADER]: JSON.stringify({ rejectTokens: true }) };
    const body = await refusal(await post(spartez(), '/login', { token: await token() }, header));
    expect(body).toEqual({
      error: 'invalid_token',
      message: 'SSO login failed: the token was rejected (emulated fault)',
    });
  });

  it('hang holds a login unanswered until its caller gives up', async () => {
    const header = { [FAULTS_HEADER]: JSON.stringify({ hang: true }) };
    const caller = new AbortController();
    let answered = false;
    const answer = spartez()(
      new Request('http://vendor.test/vendor/spartez/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...header },
        body: JSON.stringify({ token: await token() }),
        signal: caller.signal,
      }),
    ).finally(() => {
      answered = true;
    });
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    caller.abort();
    expect((await answer).status).toBe(503);
  });

  it('refuses a faults header that is not the documented JSON', async () => {
    for (const value of ['yes', '{"outage":"true"}', '{"newUserDelaySeconds":-1}', '{"hang":1}']) {
      const response = await post(spartez(), '/login', {}, { [FAULTS_HEADER]: value });
      expect(response.status).toBe(400);
    }
  });

  it('new-user delay: a new user exists N seconds after their first attempt; known users are not delayed', async () => {
    let now = NOW;
    const cloud = createVendorCloud('spartez', {
      secret: secrets.spartez,
      now: () => now,
      newUserDelaySeconds: 30,
    });
    const fresh = await token();
    const first = await post(cloud, '/login', { token: fresh });
    expect(first.status).toBe(503);
    expect(await refusal(first)).toEqual({
      error: 'user_not_ready',
      message: 'The user is still being created at Spartez Support Chat; try again in 30 s',
    });
    now += 20;
    expect((await refusal(await post(cloud, '/login', { token: fresh }))).message).toContain(
      'try again in 10 s',
    );
    now += 10;
    expect((await post(cloud, '/login', { token: fresh })).status).toBe(200);
    expect((await post(cloud, '/login', { token: fresh })).status).toBe(200);
  });
});
