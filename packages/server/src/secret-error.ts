/** Why a secret was refused: too short, well known or patterned, or not in its stated encoding. */
export type SecretErrorCode = 'short_secret' | 'weak_secret' | 'invalid_secret';

export class SecretError extends Error {
  override name = 'SecretError';
  readonly code: SecretErrorCode;

  constructor(code: SecretErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isSecretError(value: unknown): value is SecretError {
  return value instanceof SecretError;
}
