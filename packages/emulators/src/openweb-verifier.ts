import { MAX_TOKEN_LENGTH } from '@chat-sso/core';
import {
  createRemoteJWKSet,
  customFetch,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { CloudFailure, tokenRejected } from './cloud-failure';
import { importHmacKey, secretBytes } from './secret-key';
import type { TokenVerifier, Verified } from './token-verifier';
import {
  isOpenWebProvider,
  type OpenWebProvider,
  openWebProviders,
  type WidgetIdentity,
} from './wire';

/** What a site enters in OpenWeb's dashboard for Auth0. */
export interface Auth0Settings {
  /** The Auth0 domain as a URL, which is also the tokens' `iss`, e.g. `https://tenant.auth0.com/`. */
  issuer: string;
  /** The application's client id: the tokens' `aud`. */
  clientId: string;
}

/** What a site enters in OpenWeb's dashboard for Gigya. */
export interface GigyaSettings {
  /** The site's API key; tokens carry it in the `apiKey` claim. */
  apiKey: string;
  /** The partner secret, base64 as Gigya shows it; tokens are HS256 with its bytes. */
  secret: string;
}

/** What a site enters in OpenWeb's dashboard for Piano.io. */
export interface PianoSettings {
  /** The application id: the tokens' `aud`. */
  appId: string;
  /** The application's private key; tokens are HS256 with its UTF-8 bytes. */
  privateKey: string;
}

/** The identity providers an OpenWeb site is connected to. */
export interface OpenWebProviderSettings {
  auth0?: Auth0Settings;
  gigya?: GigyaSettings;
  piano?: PianoSettings;
}

const CLOCK_TOLERANCE = 60;
const REFUSAL = 'SSO failed';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Each provider's display name, as OpenWeb takes it (Piano: the `display_name` custom field). */
const displayName: Record<OpenWebProvider, (claims: JWTPayload) => string | undefined> = {
  auth0: (claims) => text(claims.name) ?? text(claims.nickname),
  gigya: (claims) => text(`${text(claims.firstName) ?? ''} ${text(claims.lastName) ?? ''}`),
  piano: (claims) =>
    text((claims.custom_fields as Record<string, unknown> | undefined)?.display_name) ??
    text(`${text(claims.given_name) ?? ''} ${text(claims.family_name) ?? ''}`),
};

function identity(provider: OpenWebProvider, claims: JWTPayload): WidgetIdentity {
  const id = String(claims.sub);
  const email = text(claims.email);
  const user: WidgetIdentity = { id, name: displayName[provider](claims) ?? email ?? id };
  if (email) user.email = email;
  return user;
}

/** Why jose refused a provider's token, in words a site developer understands. */
function reasonFor(provider: OpenWebProvider, failure: unknown): string {
  const token = `the ${provider} token`;
  if (failure instanceof errors.JWTExpired) return `${token} has expired`;
  if (failure instanceof errors.JWTClaimValidationFailed) {
    return failure.reason === 'missing'
      ? `${token} has no "${failure.claim}" claim`
      : `${token}'s "${failure.claim}" claim is not what OpenWeb expects (${failure.message})`;
  }
  if (failure instanceof errors.JWSSignatureVerificationFailed) {
    return `${token}'s signature does not verify with ${provider === 'auth0' ? "Auth0's published keys" : `the ${provider} secret`}`;
  }
  if (failure instanceof errors.JWKSNoMatchingKey) {
    return `no key in Auth0's published keys (JWKS) matches ${token}`;
  }
  if (failure instanceof errors.JOSEAlgNotAllowed) {
    return `${token} is signed with an algorithm OpenWeb does not accept for ${provider}`;
  }
  return `${token} is malformed`;
}

type Verification = (token: string, now: Date) => Promise<JWTPayload>;

function auth0(settings: Auth0Settings, fetchImpl: typeof fetch | undefined): Verification {
  const jwksUrl = new URL('.well-known/jwks.json', settings.issuer);
  let remote: JWTVerifyGetKey | undefined;
  // A key set that cannot be fetched is OpenWeb's outage, not the token's fault.
  const keys: JWTVerifyGetKey = async (header, token) => {
    remote ??= createRemoteJWKSet(jwksUrl, fetchImpl ? { [customFetch]: fetchImpl } : undefined);
    try {
      return await remote(header, token);
    } catch (failure) {
      if (failure instanceof errors.JWKSNoMatchingKey) throw failure;
      throw new CloudFailure(
        'unavailable',
        "OpenWeb could not fetch Auth0's published keys (JWKS)",
      );
    }
  };
  return async (token, currentDate) => {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['RS256'],
      issuer: settings.issuer,
      audience: settings.clientId,
      requiredClaims: ['sub', 'iat', 'exp'],
      clockTolerance: CLOCK_TOLERANCE,
      currentDate,
    });
    return payload;
  };
}

function hmac(
  key: Promise<CryptoKey>,
  checks: { audience?: string; apiKey?: string },
): Verification {
  return async (token, currentDate) => {
    const { payload } = await jwtVerify(token, await key, {
      algorithms: ['HS256'],
      audience: checks.audience,
      requiredClaims: ['sub', 'iat', 'exp'],
      clockTolerance: CLOCK_TOLERANCE,
      currentDate,
    });
    if (checks.apiKey !== undefined && payload.apiKey !== checks.apiKey) {
      throw new errors.JWTClaimValidationFailed(
        'unexpected "apiKey" claim value',
        payload,
        'apiKey',
      );
    }
    return payload;
  };
}

/**
 * OpenWeb's side of third-party SSO: it checks the identity provider's token
 * itself (Auth0: RS256 against the tenant's JWKS; Gigya and Piano: HS256 with
 * the secret the site gave OpenWeb) and takes the user from its claims.
 */
export function createOpenWebVerifier(
  settings: OpenWebProviderSettings,
  fetchImpl?: typeof fetch,
): TokenVerifier {
  const verifications: Partial<Record<OpenWebProvider, Verification>> = {};
  if (settings.auth0) verifications.auth0 = auth0(settings.auth0, fetchImpl);
  if (settings.gigya) {
    const bytes = secretBytes(settings.gigya.secret, 'base64', 'OpenWeb (Gigya)');
    verifications.gigya = hmac(importHmacKey(bytes, 'verify'), { apiKey: settings.gigya.apiKey });
  }
  if (settings.piano) {
    const bytes = secretBytes(settings.piano.privateKey, 'utf8', 'OpenWeb (Piano)');
    verifications.piano = hmac(importHmacKey(bytes, 'verify'), { audience: settings.piano.appId });
  }
  if (Object.keys(verifications).length === 0) {
    throw new TypeError(`OpenWeb: configure at least one of ${openWebProviders.join(', ')}`);
  }

  async function verify(body: Record<string, unknown>, now: number): Promise<Verified> {
    const { provider, token } = body;
    if (!isOpenWebProvider(provider)) {
      throw new CloudFailure(
        'invalid_request',
        `provider ${JSON.stringify(provider)} is not one of ${openWebProviders.join(', ')}`,
      );
    }
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) {
      throw new CloudFailure(
        'invalid_request',
        `token is missing, not a string or longer than ${MAX_TOKEN_LENGTH} characters`,
      );
    }
    const verification = verifications[provider];
    if (!verification) {
      throw tokenRejected(REFUSAL, [
        {
          rule: 'provider.configured',
          message: `this site has no ${provider} SSO configured at OpenWeb`,
        },
      ]);
    }
    let claims: JWTPayload;
    try {
      claims = await verification(token, new Date(now * 1000));
    } catch (failure) {
      if (failure instanceof CloudFailure) throw failure;
      throw tokenRejected(REFUSAL, [
        { rule: `${provider}.token`, message: reasonFor(provider, failure) },
      ]);
    }
    return { user: identity(provider, claims), expiresAt: claims.exp as number };
  }

  return { refusal: REFUSAL, verify };
}
