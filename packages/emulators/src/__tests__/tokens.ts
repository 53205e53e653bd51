import { base64url, type JWTPayload, SignJWT } from 'jose';

/** Test secrets as each vendor hands them out (MedChat: base64url text of 32 bytes). */
export const secrets = {
  spartez: 'spartez-project-secret-0123456789abcdef',
  tiledesk: 'tiledesk-project-secret-0123456789abcdef',
  medchat: base64url.encode(Uint8Array.from({ length: 32 }, (_, i) => i * 7)),
  zendesk: {
    'app_key-1': 'zendesk-signing-key-one-0123456789abcdef',
    'app_key-2': 'zendesk-signing-key-two-0123456789abcdef',
  },
} as const;

export const ada = { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' };
export const grace = { id: 'user-2', name: 'Grace Hopper', email: 'grace@example.com' };

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs `claims` as given (no `iat`/`exp` added), so tests can break any rule. */
export function sign(
  claims: JWTPayload,
  key: string | Uint8Array,
  header: Record<string, unknown> = {},
): Promise<string> {
  // Copied into this realm's Uint8Array: jsdom's TextEncoder answers with its own.
  const bytes = Uint8Array.from(typeof key === 'string' ? new TextEncoder().encode(key) : key);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header })
    .sign(bytes);
}

/** `iat` now and `exp` after `ttl` seconds, in seconds. */
export function lifetime(ttl: number, iat = nowSeconds()): { iat: number; exp: number } {
  return { iat, exp: iat + ttl };
}
