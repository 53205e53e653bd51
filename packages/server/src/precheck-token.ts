import type { Claims, JwtHeader } from '@chat-sso/core';
import { MAX_TOKEN_LENGTH } from '@chat-sso/core';
import { decodeJsonSegment } from './base64url-json';
import { forbiddenHeaderFields } from './header-fields';
import { KID_PATTERN } from './keyring';
import { TokenError } from './token-error';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** Three base64url segments, tested in one pass. */
const THREE_SEGMENTS = /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
/**
 * An HS256 signature is 32 bytes: 43 base64url characters whose last one
 * carries 4 bits and 2 zero bits. Refusing set padding bits keeps one
 * canonical string per token (base64 decoders ignore those bits).
 */
const HS256_SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export interface UnverifiedToken {
  header: JwtHeader;
  claims: Claims;
}

function decodeObject(segment: string, part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = decodeJsonSegment(segment);
  } catch {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TokenError('malformed', `the ${part} is not a base64url-encoded JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A header of only `alg: HS256`, `typ` and a well-formed `kid`. */
function checkHeader(segment: string): JwtHeader {
  const header: JwtHeader = decodeObject(segment, 'header');
  const forbidden = forbiddenHeaderFields(header);
  if (forbidden.length > 0) {
    throw new TokenError(
      'forbidden_header',
      `the header has fields that are never accepted: ${forbidden.map((field) => JSON.stringify(field)).join(', ')}`,
    );
  }
  if (header.alg !== 'HS256') {
    throw new TokenError(
      'unsupported_alg',
      `alg is ${JSON.stringify(header.alg)}; only HS256 is accepted`,
    );
  }
  if (
    header.kid !== undefined &&
    (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid))
  ) {
    throw new TokenError('invalid_kid', "kid is not 1-64 letters, digits, '.', '_' or '-'");
  }
  return header;
}

/** An issuer signs every token with the same header: the last one that passed is not read again. */
let passed: { segment: string; header: JwtHeader } | undefined;

const notThreeSegments = () =>
  new TokenError('malformed', 'the token is not three dot-separated base64url segments');

/**
 * The checks that cost no crypto (ENGINEERING §3), in this order: size, three
 * base64url segments, a header of only `alg: HS256`, `typ` and a well-formed
 * `kid`, a signature of the right length, claims that are a JSON object.
 * Returns the still-unverified header and claims.
 */
export function precheckToken(token: string): UnverifiedToken {
  if (typeof token !== 'string') throw new TokenError('malformed', 'the token is not a string');
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new TokenError(
      'token_too_long',
      `the token is ${token.length} characters; at most ${MAX_TOKEN_LENGTH} are accepted`,
    );
  }
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first < 0 || second < 0 || token.includes('.', second + 1)) throw notThreeSegments();
  const headerSegment = token.slice(0, first);
  const payloadSegment = token.slice(first + 1, second);
  const signature = token.slice(second + 1);
  if (passed?.segment !== headerSegment) {
    if (!THREE_SEGMENTS.test(token)) throw notThreeSegments();
    passed = { segment: headerSegment, header: checkHeader(headerSegment) };
  }
  // Past a header that passed before, the payload's characters are checked as it is decoded, and
  // the signature's by its pattern: a failing pattern still says which check failed first.
  if (!HS256_SIGNATURE.test(signature)) {
    if (!BASE64URL.test(payloadSegment) || !BASE64URL.test(signature)) throw notThreeSegments();
    throw new TokenError('bad_signature', 'the signature is missing or not 32 canonical bytes');
  }
  const claims: Claims = decodeObject(payloadSegment, 'payload');
  // A copy: the caller may change what it is given.
  return { header: { ...passed.header }, claims };
}
