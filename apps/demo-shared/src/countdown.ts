/** Seconds until `expiresAt` (unix seconds) as `m:ss`, `expired`, or `—` when there is no token. */
export function formatCountdown(expiresAt: number | null, nowMs: number = Date.now()): string {
  if (expiresAt === null) return '—';
  const left = Math.ceil(expiresAt - nowMs / 1000);
  if (left <= 0) return 'expired';
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}
