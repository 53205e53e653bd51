import type { RetryOptions } from './types';

/**
 * The delay before retry number `failures`, in ms: capped exponential backoff
 * with equal jitter, between half and all of the capped delay (`random` in [0, 1)).
 */
export function backoff(failures: number, retry: RetryOptions, random: number): number {
  return (Math.min(retry.maxDelay, retry.baseDelay * 2 ** (failures - 1)) * (1 + random)) / 2;
}
