import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { medchat, spartez, tiledesk, zendesk } from '@chat-sso/core/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokens } from '../access-token';
import { createFileRefreshStore } from '../file-refresh-store';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import type { RefreshStore } from '../refresh-store';
import { requireAccessToken } from '../require-access-token';
import { generateSecret } from '../secret';
import { SecretError, type SecretErrorCode } from '../secret-error';
import { createSystemAuth } from '../system-auth';
import { createTokenHandler } from '../token-handler';

let dir: string;
let store: RefreshStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chat-sso-secrets-'));
  store = await createFileRefreshStore({ dir });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const authenticate = () => ({ id: 'ada' });
const strong = generateSecret();

/** Starts a server part with `secret`, as a site's start-up code would. */
const startups: [string, string, (secret: string) => unknown, SecretErrorCode][] = [
  [
    'the chat-token endpoint (Spartez), on a short secret',
    'only-23-bytes-of-secret',
    (secret) =>
      createTokenHandler({ issuer: createIssuer({ contract: spartez, secret }), authenticate }),
    'short_secret',
  ],
  [
    'the chat-token endpoint (Tiledesk), on jwt.io’s example secret',
    'your-256-bit-secret',
    (secret) =>
      createTokenHandler({ issuer: createIssuer({ contract: tiledesk, secret }), authenticate }),
    'weak_secret',
  ],
  [
    'the chat-token endpoint (MedChat), on base64url text of 16 bytes',
    'AAECAwQFBgcICQoLDA0ODw',
    (secret) =>
      createTokenHandler({ issuer: createIssuer({ contract: medchat, secret }), authenticate }),
    'short_secret',
  ],
  [
    'the chat-token endpoint (Zendesk), on a repeated pattern',
    'abcd'.repeat(16),
    (secret) =>
      createTokenHandler({
        issuer: createIssuer({ contract: zendesk, secret, kid: 'app_key-1' }),
        authenticate,
      }),
    'weak_secret',
  ],
  [
    '/system/auth, on a short access secret',
    'access-secret',
    (accessSecret) => createSystemAuth({ authenticate, accessSecret, store }),
    'short_secret',
  ],
  [
    '/system/auth, on a keyring whose retiring key is weak',
    'changeme',
    (secret) =>
      createSystemAuth({
        authenticate,
        store,
        accessKeyring: createKeyring({
          keys: [
            { kid: 'new', secret: strong },
            { kid: 'old', secret, notAfter: 1_750_000_000 },
          ],
        }),
      }),
    'weak_secret',
  ],
  [
    'an API server’s requireAccessToken, on a short secret',
    'x'.repeat(31),
    (secret) => requireAccessToken({ accessTokens: createAccessTokens({ secret }) }),
    'weak_secret',
  ],
];

describe('weak or short secrets are refused when the server starts', () => {
  it.each(startups)('%s', (_name, secret, start, code) => {
    let refusal: unknown;
    try {
      start(secret);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(SecretError);
    const { code: refused, message } = refusal as SecretError;
    expect(refused).toBe(code);
    // The message says what to do, and never repeats the secret.
    expect(message).toContain('run `chat-sso secret`');
    expect(message).not.toContain(secret);
  });

  it('a secret from `chat-sso secret` (base64url, so MedChat reads it too) starts every one of them', () => {
    for (const [, , start] of startups) expect(() => start(strong)).not.toThrow();
  });
});
