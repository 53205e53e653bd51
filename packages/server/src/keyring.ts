import type { SecretEncoding } from '@chat-sso/core/contracts';
import { assertStrongSecret, decodeSecret, type SecretStrengthOptions } from './secret';
import { TokenError } from './token-error';

/** What a `kid` may look like (ENGINEERING §3): no paths, quotes or SQL. */
export const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface KeyringKey extends SecretStrengthOptions {
  /** Names the key in the token header; required when the keyring holds several keys. */
  kid?: string;
  /** Text in `encoding`, or the raw bytes. */
  secret: string | Uint8Array;
  /** How the text secret reads as bytes; `utf8` unless the vendor says otherwise. */
  encoding?: SecretEncoding;
  /** Unix seconds after which tokens signed with this key no longer verify (end of a rotation window). */
  notAfter?: number;
}

export interface KeyringOptions {
  keys: readonly KeyringKey[];
  /** The key that signs; the first key when omitted. The others only verify. */
  signingKid?: string;
}

export interface SigningKey {
  kid: string | undefined;
  key: CryptoKey;
}

/** Several HMAC secrets by `kid`: one signs, the others verify until their `notAfter`. */
export interface Keyring {
  readonly signingKid: string | undefined;
  signingKey(): Promise<SigningKey>;
  /** The key for a token's `kid` (the signing key when the token names none) at `now` (unix seconds). */
  verificationKey(kid: string | undefined, now: number): Promise<CryptoKey>;
}

interface Entry {
  kid: string | undefined;
  notAfter: number | undefined;
  key(): Promise<CryptoKey>;
}

/**
 * Imports the secret once, on first use, as a key whose bytes can never be
 * read back; importKey copies the bytes at once, so this copy is then wiped.
 */
function lazyKey(secret: Uint8Array<ArrayBuffer>): () => Promise<CryptoKey> {
  let imported: Promise<CryptoKey> | undefined;
  return () => {
    if (!imported) {
      imported = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]);
      secret.fill(0);
    }
    return imported;
  };
}

function toEntry(key: KeyringKey, mustHaveKid: boolean): Entry {
  if (key.kid === undefined ? mustHaveKid : !KID_PATTERN.test(key.kid)) {
    throw new TypeError(
      key.kid === undefined
        ? 'every key of a keyring with several keys needs a kid'
        : `kid ${JSON.stringify(key.kid)} is not 1-64 letters, digits, '.', '_' or '-'`,
    );
  }
  if (key.notAfter !== undefined && !Number.isFinite(key.notAfter)) {
    throw new TypeError(`notAfter of key ${key.kid} is not unix seconds`);
  }
  const bytes =
    typeof key.secret === 'string' ? decodeSecret(key.secret, key.encoding) : key.secret;
  assertStrongSecret(bytes, key);
  return { kid: key.kid, notAfter: key.notAfter, key: lazyKey(Uint8Array.from(bytes)) };
}

export function createKeyring(options: KeyringOptions): Keyring {
  const { keys } = options;
  if (keys.length === 0) throw new TypeError('a keyring needs at least one key');
  const entries = keys.map((key) => toEntry(key, keys.length > 1));
  const byKid = new Map<string, Entry>();
  for (const entry of entries) {
    if (entry.kid === undefined) continue;
    if (byKid.has(entry.kid)) throw new TypeError(`two keys share the kid ${entry.kid}`);
    byKid.set(entry.kid, entry);
  }
  const signing = options.signingKid === undefined ? entries[0]! : byKid.get(options.signingKid);
  if (!signing) throw new TypeError(`no key has the signing kid ${options.signingKid}`);
  if (signing.notAfter !== undefined) {
    throw new TypeError('the signing key cannot have notAfter: only retiring keys expire');
  }

  // One promise for every signature: an issuer asks for the key each time it signs.
  let signingKey: Promise<SigningKey> | undefined;
  return {
    signingKid: signing.kid,
    signingKey: () => {
      signingKey ??= signing.key().then((key) => Object.freeze({ kid: signing.kid, key }));
      return signingKey;
    },
    verificationKey: (kid, now) => {
      const entry = kid === undefined ? signing : byKid.get(kid);
      if (!entry) return Promise.reject(new TokenError('unknown_kid', 'no key has this kid'));
      if (entry.notAfter !== undefined && now > entry.notAfter) {
        return Promise.reject(
          new TokenError('unknown_kid', `the key ${kid} was retired at ${entry.notAfter}`),
        );
      }
      return entry.key();
    },
  };
}

/** Where an issuer or verifier takes its keys from: a keyring, or one secret. */
export type KeySource =
  | { keyring: Keyring; secret?: never }
  | ({ secret: string | Uint8Array; keyring?: never } & Omit<KeyringKey, 'secret' | 'notAfter'>);

/** The keyring of a key source; one secret reads in `defaultEncoding` unless it states its own. */
export function resolveKeyring(source: KeySource, defaultEncoding: SecretEncoding): Keyring {
  if (source.keyring) return source.keyring;
  const { secret, kid, encoding = defaultEncoding, acceptShortSecret } = source;
  return createKeyring({ keys: [{ secret, kid, encoding, acceptShortSecret }] });
}
