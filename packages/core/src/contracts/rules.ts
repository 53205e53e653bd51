import { formatDuration } from './duration';
import type { Claims, Rule } from './types';

/** Above this, a timestamp is milliseconds: 1e11 seconds is the year 5138. */
const MILLISECONDS_THRESHOLD = 1e11;
const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Letters and digits, plus `-` and `_` as in the vendors' own example `user-123456`. */
const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/** A value as a message quotes it; objects as JSON, since a token's object may have no usable `toString`. */
const show = (value: unknown): string =>
  typeof value === 'string' || (typeof value === 'object' && value !== null)
    ? JSON.stringify(value)
    : String(value);

/** Why a timestamp claim is not integer seconds, or `undefined` when it is. */
function timestampProblem(name: string, value: unknown): string | undefined {
  if (value === undefined) return `${name} is missing`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${name} is ${show(value)}, not a number of seconds`;
  }
  if (value > MILLISECONDS_THRESHOLD) {
    return `${name} is in milliseconds (${value}); use seconds: Math.floor(Date.now() / 1000)`;
  }
  if (!Number.isInteger(value)) {
    return `${name} is ${value}, not a whole number of seconds; use Math.floor(Date.now() / 1000)`;
  }
  return undefined;
}

const isSeconds = (value: unknown): value is number => timestampProblem('', value) === undefined;

export const algIsHS256: Rule = {
  id: 'header.alg',
  description: 'alg is HS256',
  test: (header, _claims, _now, { title }) =>
    header.alg === 'HS256' ? undefined : `alg is ${show(header.alg)}; ${title} accepts only HS256`,
};

export const typIsJWT: Rule = {
  id: 'header.typ',
  description: 'typ is JWT or absent',
  test: (header) =>
    header.typ === undefined || header.typ === 'JWT'
      ? undefined
      : `typ is ${show(header.typ)}; expected "JWT"`,
};

export function kidRule(required: boolean): Rule {
  return {
    id: 'header.kid',
    description: required
      ? 'kid names the signing key'
      : 'kid, when present, is a short key name (letters, digits, . _ -)',
    test: (header, _claims, _now, { title }) => {
      if (header.kid === undefined) {
        return required ? `kid is missing; ${title} needs the id of the signing key` : undefined;
      }
      return typeof header.kid === 'string' && KID_PATTERN.test(header.kid)
        ? undefined
        : `kid ${show(header.kid)} is not 1-64 letters, digits, '.', '_' or '-'`;
    },
  };
}

/** The timestamp claim `name` is a whole number of seconds. */
const inSeconds = (name: 'iat' | 'exp'): Rule => ({
  id: `${name}.seconds`,
  description: `${name} is a whole number of seconds`,
  test: (_header, claims) => timestampProblem(name, claims[name]),
});

export const iatInSeconds = inSeconds('iat');

export const iatNotInFuture: Rule = {
  id: 'iat.not_in_future',
  description: 'iat is not in the future beyond the allowed clock skew',
  test: (_header, { iat }, now, { title, clockSkew }) =>
    isSeconds(iat) && iat > now + clockSkew
      ? `iat is ${formatDuration(iat - now)} in the future; ${title} allows at most ${formatDuration(clockSkew)} of clock skew`
      : undefined,
};

export const expInSeconds = inSeconds('exp');

export const expAfterIat: Rule = {
  id: 'exp.after_iat',
  description: 'exp is after iat',
  test: (_header, { iat, exp }) =>
    isSeconds(iat) && isSeconds(exp) && exp <= iat
      ? `exp (${exp}) is not after iat (${iat})`
      : undefined,
};

export const lifetimeWithinMax: Rule = {
  id: 'exp.max_lifetime',
  description: 'exp - iat is within the vendor maximum',
  test: (_header, { iat, exp }, _now, { title, maxTtl }) =>
    isSeconds(iat) && isSeconds(exp) && exp - iat > maxTtl
      ? `exp is ${formatDuration(exp - iat)} after iat; ${title} allows at most ${formatDuration(maxTtl)}`
      : undefined,
};

export const notExpired: Rule = {
  id: 'exp.not_expired',
  description: 'the token has not expired',
  test: (_header, { exp }, now, { clockSkew }) =>
    isSeconds(exp) && now > exp + clockSkew
      ? `the token expired ${formatDuration(now - exp)} ago`
      : undefined,
};

/** The rules every HS256 vendor applies to the header and the timestamps. */
export function standardRules(options: { kidRequired: boolean }): Rule[] {
  return [
    algIsHS256,
    typIsJWT,
    kidRule(options.kidRequired),
    iatInSeconds,
    iatNotInFuture,
    expInSeconds,
    expAfterIat,
    lifetimeWithinMax,
    notExpired,
  ];
}

interface TextClaimOptions {
  required: boolean;
  maxLength?: number;
}

function textProblem(claims: Claims, name: string, options: TextClaimOptions): string | undefined {
  const value = claims[name];
  if (value === undefined) return options.required ? `${name} is missing` : undefined;
  if (typeof value !== 'string') return `${name} is ${show(value)}, not text`;
  if (options.required && value.trim() === '') return `${name} is empty`;
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    return `${name} is ${value.length} characters long; at most ${options.maxLength} are allowed`;
  }
  return undefined;
}

/** A text claim, required or optional, with an optional length cap. */
export function textClaim(name: string, options: TextClaimOptions): Rule {
  const limit =
    options.maxLength === undefined ? '' : ` of at most ${options.maxLength} characters`;
  return {
    id: `${name}.text`,
    description: `${name} is ${options.required ? 'present' : 'absent or'} text${limit}`,
    test: (_header, claims) => textProblem(claims, name, options),
  };
}

export function emailClaim(name: string, options: TextClaimOptions): Rule {
  return {
    id: `${name}.email`,
    description: `${name} ${options.required ? 'is' : 'is absent or'} an email address`,
    test: (_header, claims) => {
      const problem = textProblem(claims, name, options);
      if (problem) return problem;
      const value = claims[name];
      return typeof value === 'string' && !EMAIL_PATTERN.test(value)
        ? `${name} ${show(value)} is not an email address`
        : undefined;
    },
  };
}

/** An id that never changes for a user: letters and digits (and `-`, `_`), required. */
export function externalIdClaim(name: string, maxLength: number): Rule {
  return {
    id: `${name}.alphanumeric`,
    description: `${name} is alphanumeric (letters, digits, - and _), at most ${maxLength} characters`,
    test: (_header, claims) => {
      const problem = textProblem(claims, name, { required: true, maxLength });
      if (problem) return problem;
      const value = claims[name] as string;
      if (EXTERNAL_ID_PATTERN.test(value)) return undefined;
      if (/\s/.test(value)) return `${name} contains a space`;
      const bad = [...value].find((char) => !EXTERNAL_ID_PATTERN.test(char));
      return `${name} contains ${show(bad)}; only letters, digits, - and _ are allowed`;
    },
  };
}

/** A claim that must hold one exact value (when `required`, it must be present too). */
export function exactClaim(name: string, expected: unknown, required: boolean): Rule {
  return {
    id: `${name}.value`,
    description: `${name} is ${show(expected)}${required ? '' : ' when present'}`,
    test: (_header, claims) => {
      const value = claims[name];
      if (value === undefined)
        return required ? `${name} is missing; expected ${show(expected)}` : undefined;
      return value === expected
        ? undefined
        : `${name} is ${show(value)}; expected ${show(expected)}`;
    },
  };
}

export function booleanClaim(name: string): Rule {
  return {
    id: `${name}.boolean`,
    description: `${name} is absent or true/false`,
    test: (_header, claims) =>
      claims[name] === undefined || typeof claims[name] === 'boolean'
        ? undefined
        : `${name} is ${show(claims[name])}, not true or false`,
  };
}
