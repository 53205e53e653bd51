import type { RuleResult } from '@chat-sso/core/contracts';

/**
 * Why a token was refused. `code` is stable and meant for programs and logs;
 * `message` is for the server's own log and never quotes the token or a secret.
 */
export type TokenErrorCode =
  | 'token_too_long'
  | 'malformed'
  | 'forbidden_header'
  | 'unsupported_alg'
  | 'invalid_kid'
  | 'unknown_kid'
  | 'bad_signature'
  | 'missing_claim'
  | 'invalid_claim'
  | 'expired'
  | 'issued_in_future'
  | 'lifetime_too_long'
  | 'wrong_typ'
  | 'contract_violation';

export class TokenError extends Error {
  override name = 'TokenError';
  readonly code: TokenErrorCode;
  /** The contract's broken rules; empty unless `code` is `contract_violation`. */
  readonly violations: readonly RuleResult[];

  constructor(
    code: TokenErrorCode,
    message: string,
    options?: { violations?: readonly RuleResult[]; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.violations = options?.violations ?? [];
  }

  /** A `contract_violation` naming every broken rule of the contract. */
  static contractViolation(title: string, violations: readonly RuleResult[]): TokenError {
    const rules = violations.map((violation) => violation.message).join('; ');
    return new TokenError(
      'contract_violation',
      `the token breaks ${violations.length === 1 ? 'a rule' : `${violations.length} rules`} of ${title}: ${rules}`,
      { violations },
    );
  }
}

export function isTokenError(value: unknown): value is TokenError {
  return value instanceof TokenError;
}
