import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type {
  Auth0Settings,
  GigyaSettings,
  OpenWebProviderSettings,
  PianoSettings,
} from './openweb-verifier';
import { importHmacKey, secretBytes } from './secret-key';
import type { OpenWebProvider } from './wire';

export interface IdentityProviderOptions {
  /** Absolute URL where `handler` is mounted, e.g. `http://127.0.0.1:8080/idp`. */
  baseUrl: string;
  /** Clock in unix seconds; default the system clock. */
  now?: () => number;
  /** Lifetime of issued tokens in seconds; default 1 h. */
  tokenTtl?: number;
}

/** The user an identity provider signs a token for. */
export interface IdentityProviderUser {
  id: string;
  name?: string;
  email?: string;
  /** Piano only: the `display_name` custom field, which OpenWeb shows as the name. */
  displayName?: string;
}

export interface IdentityProvider {
  /** Serves `GET <baseUrl>/auth0/.well-known/jwks.json`, the Auth0 tenant's public keys. */
  handler(request: Request): Promise<Response>;
  /** A token for `user`, as the provider hands it to the site's page after its login. */
  issueToken(provider: OpenWebProvider, user: IdentityProviderUser): Promise<string>;
  /** What the site enters in OpenWeb's dashboard: pass it to `createVendorCloud('openweb', …)`. */
  settings: Required<OpenWebProviderSettings>;
}

const JWKS_PATH = '/auth0/.well-known/jwks.json';
const KID = 'emulated-auth0';

function randomText(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random));
}

/** `Ada King Lovelace` → [`Ada King`, `Lovelace`]. */
function splitName(name: string | undefined): [string | undefined, string | undefined] {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length < 2) return [words[0], undefined];
  return [words.slice(0, -1).join(' '), words.at(-1)];
}

/**
 * An emulated third-party identity provider for OpenWeb's SSO, one tenant of
 * each kind. Token formats (all JWTs with `sub`, `iat`, `exp`, `email`):
 * - `auth0`: RS256, `kid` in the header; `iss` `<baseUrl>/auth0/`, `aud` the
 *   client id, `sub` `auth0|<id>`, `name`. Public keys at `<baseUrl>/auth0/.well-known/jwks.json`.
 * - `gigya`: HS256 with the partner secret's bytes; `apiKey`, `sub` the UID,
 *   `firstName`, `lastName`.
 * - `piano`: HS256 with the private key's UTF-8 bytes; `aud` the app id,
 *   `given_name`, `family_name`, `custom_fields.display_name`.
 */
export async function createIdentityProvider(
  options: IdentityProviderOptions,
): Promise<IdentityProvider> {
  const base = new URL(options.baseUrl).href.replace(/\/+$/, '');
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const ttl = options.tokenTtl ?? 3600;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }],
  });

  const auth0: Auth0Settings = { issuer: `${base}/auth0/`, clientId: 'emulated-auth0-client' };
  const gigya: GigyaSettings = { apiKey: 'emulated-gigya-api-key', secret: randomText(32) };
  const piano: PianoSettings = { appId: 'emulatedPianoApp', privateKey: randomText(32) };
  const gigyaKey = importHmacKey(secretBytes(gigya.secret, 'base64', 'Gigya'), 'sign');
  const pianoKey = importHmacKey(secretBytes(piano.privateKey, 'utf8', 'Piano'), 'sign');

  async function sign(claims: JWTPayload, alg: 'RS256' | 'HS256', key: CryptoKey): Promise<string> {
    const issuedAt = now();
    return new SignJWT(claims)
      .setProtectedHeader(alg === 'RS256' ? { alg, typ: 'JWT', kid: KID } : { alg, typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .sign(key);
  }

  return {
    settings: { auth0, gigya, piano },
    async handler(request) {
      const found = request.method === 'GET' && new URL(request.url).pathname.endsWith(JWKS_PATH);
      return found
        ? new Response(jwks, { headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify({ error: 'not_found' }), {
            status: 404,
            headers: { 'content-type': 'application/json' },
          });
    },
    async issueToken(provider, user) {
      const [first, last] = splitName(user.name);
      switch (provider) {
        case 'auth0':
          return sign(
            {
              iss: auth0.issuer,
              aud: auth0.clientId,
              sub: `auth0|${user.id}`,
              name: user.name,
              email: user.email,
            },
            'RS256',
            privateKey,
          );
        case 'gigya':
          return sign(
            {
              iss: `${base}/gigya`,
              apiKey: gigya.apiKey,
              sub: user.id,
              email: user.email,
              firstName: first,
              lastName: last,
            },
            'HS256',
            await gigyaKey,
          );
        case 'piano':
          return sign(
            {
              iss: `${base}/piano`,
              aud: piano.appId,
              sub: user.id,
              email: user.email,
              given_name: first,
              family_name: last,
              custom_fields: user.displayName ? { display_name: user.displayName } : undefined,
            },
            'HS256',
            await pianoKey,
          );
        default:
          throw new TypeError(`unknown identity provider ${JSON.stringify(provider)}`);
      }
    },
  };
}
