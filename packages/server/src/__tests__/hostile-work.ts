import { MAX_TOKEN_LENGTH } from '@chat-sso/core';
import { type DecodeWork, isLinearWork } from '@chat-sso/hostile-tokens';

/** Property runs are many and each is quick: a shared machine may still take its time. */
export const PROPERTY_TIMEOUT = 120_000;

/** Decoding done on anything but the token (the CLI's check of its secret): a constant. */
export const SETUP_WORK = 64;

/** Linear work in what was received, and none on a token over the length cap. */
export function isBoundedWork(
  decoded: DecodeWork,
  token: string,
  received = token.length,
): boolean {
  return token.length > MAX_TOKEN_LENGTH
    ? decoded.total <= SETUP_WORK
    : isLinearWork(decoded, received);
}
