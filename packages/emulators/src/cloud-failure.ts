import type { BrokenRule, CloudErrorCode, CloudErrorResponse } from './wire';

const STATUS: Record<CloudErrorCode, number> = {
  invalid_request: 400,
  invalid_token: 401,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  internal: 500,
  unavailable: 503,
  user_not_ready: 503,
};

/** A vendor cloud's refusal; turned into the JSON answer the widget reads. */
export class CloudFailure extends Error {
  override name = 'CloudFailure';
  readonly code: CloudErrorCode;
  readonly rules: BrokenRule[] | undefined;

  constructor(code: CloudErrorCode, message: string, rules?: BrokenRule[]) {
    super(message);
    this.code = code;
    this.rules = rules;
  }

  get status(): number {
    return STATUS[this.code];
  }

  toJSON(): CloudErrorResponse {
    return this.rules
      ? { error: this.code, message: this.message, rules: this.rules }
      : { error: this.code, message: this.message };
  }
}

/** A login refused for the token's sake: `refusal` in the vendor's words, then every broken rule. */
export function tokenRejected(refusal: string, rules: BrokenRule[]): CloudFailure {
  return new CloudFailure(
    'invalid_token',
    `${refusal}: ${rules.map((rule) => rule.message).join('; ')}`,
    rules,
  );
}
