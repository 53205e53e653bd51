import { decodeToken, isChatSSOError } from '@chat-sso/core';
import { type Claims, getContract, type TokenContract } from '@chat-sso/core/contracts';
import { compactVerify } from 'jose';
import { CloudFailure, tokenRejected } from './cloud-failure';
import { importHmacKey, secretBytes } from './secret-key';
import type { TokenVerifier, Verified } from './token-verifier';
import type { BrokenRule, WidgetIdentity } from './wire';

/** Vendors whose tokens the site signs with a secret shared with the vendor. */
export type SignedTokenVendor = 'spartez' | 'tiledesk' | 'medchat' | 'zendesk';

interface VendorRules {
  refusal: string;
  /** The signed token inside what the widget sent (Tiledesk's comes as "JWT <token>"). */
  unwrap(token: string): string | BrokenRule;
  identity(claims: Claims): WidgetIdentity;
}

const ALLOWED_HEADER_FIELDS = new Set(['alg', 'typ', 'kid']);
const TILEDESK_PREFIX = 'JWT ';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The person behind `id`, named by the first of `names` the token carries. */
function person(id: unknown, email: unknown, ...names: unknown[]): WidgetIdentity {
  const user: WidgetIdentity = {
    id: String(id),
    name: names.map(text).find(Boolean) ?? text(email) ?? String(id),
  };
  if (text(email)) user.email = String(email);
  return user;
}

const asIs = (token: string) => token;

const VENDORS: Record<SignedTokenVendor, VendorRules> = {
  spartez: {
    refusal: 'SSO login failed',
    unwrap: asIs,
    identity: (claims) => person(claims.email, claims.email, claims.displayName),
  },
  tiledesk: {
    refusal: 'Visitor authentication failed',
    unwrap: (token) =>
      token.startsWith(TILEDESK_PREFIX)
        ? token.slice(TILEDESK_PREFIX.length)
        : {
            rule: 'token.prefix',
            message: `the token does not start with "${TILEDESK_PREFIX}"; Tiledesk expects "JWT <token>"`,
          },
    identity: (claims) => person(claims.external_id, claims.email, claims.name),
  },
  medchat: {
    refusal: 'User verification failed',
    unwrap: asIs,
    identity: (claims) => person(claims.external_id, claims.email, claims.name),
  },
  zendesk: {
    refusal: 'JWT authentication failed',
    unwrap: asIs,
    identity: (claims) => person(claims.external_id, claims.email, claims.name),
  },
};

const brokenHeaderRules = (rules: BrokenRule[]) =>
  rules.filter((result) => result.rule.startsWith('header.'));

/**
 * Verifies an HS256 token as the vendor does: shape and header first (no
 * crypto for a token that cannot be right), then the signature with the
 * shared secret (Zendesk: the key its `kid` names), then every rule of the
 * vendor's contract. A refusal lists each broken rule in the vendor's words.
 */
export function createSignedTokenVerifier(
  vendor: SignedTokenVendor,
  secrets: Readonly<Record<string, string>>,
): TokenVerifier {
  const contract = getContract(vendor) as TokenContract<unknown>;
  const { refusal, unwrap, identity } = VENDORS[vendor];
  const keys = new Map(
    Object.entries(secrets).map(([kid, secret]) => [
      kid,
      importHmacKey(secretBytes(secret, contract.secretEncoding, contract.title), 'verify'),
    ]),
  );
  const reject = (...rules: BrokenRule[]) => tokenRejected(refusal, rules);

  function keyFor(header: Record<string, unknown>): Promise<CryptoKey> {
    if (!contract.kidRequired) return keys.values().next().value as Promise<CryptoKey>;
    const key = keys.get(String(header.kid));
    if (key) return key;
    throw reject({
      rule: 'header.kid',
      message: `kid ${JSON.stringify(header.kid)} names none of the account's signing keys`,
    });
  }

  async function verify(body: Record<string, unknown>, now: number): Promise<Verified> {
    if (typeof body.token !== 'string') {
      throw new CloudFailure('invalid_request', 'token is missing or not a string');
    }
    const token = unwrap(body.token);
    if (typeof token !== 'string') throw reject(token);
    let decoded: ReturnType<typeof decodeToken>;
    try {
      decoded = decodeToken(token);
    } catch (failure) {
      if (!isChatSSOError(failure)) throw failure;
      throw reject({ rule: 'token.format', message: failure.message });
    }
    const { header, claims } = decoded;
    const extra = Object.keys(header).filter((field) => !ALLOWED_HEADER_FIELDS.has(field));
    if (extra.length > 0) {
      throw reject({
        rule: 'header.fields',
        message: `the header carries ${extra.map((field) => JSON.stringify(field)).join(', ')}; only alg, typ and kid are allowed`,
      });
    }
    const broken = contract
      .validate(header, claims, now)
      .map(({ rule, message }) => ({ rule, message }));
    if (brokenHeaderRules(broken).length > 0) throw reject(...brokenHeaderRules(broken));
    try {
      await compactVerify(token, await keyFor(header), { algorithms: ['HS256'] });
    } catch (failure) {
      if (failure instanceof CloudFailure) throw failure;
      throw reject({
        rule: 'signature',
        message: `the signature does not match the ${contract.kidRequired ? 'signing key' : 'shared secret'}`,
      });
    }
    if (broken.length > 0) throw reject(...broken);
    return { user: identity(claims), expiresAt: claims.exp as number };
  }

  return { refusal, verify };
}
