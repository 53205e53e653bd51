const twoDigits = (value: number) => String(value).padStart(2, '0');

/** Time left until `expiresAt` (unix seconds): `m:ss` or `h:mm:ss`, `expired`, or `—` when there is none. */
export function formatCountdown(expiresAt: number | null, nowMs: number = Date.now()): string {
  if (expiresAt === null) return '—';
  const left = Math.ceil(expiresAt - nowMs / 1000);
  if (left <= 0) return 'expired';
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const seconds = twoDigits(left % 60);
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${seconds}` : `${minutes}:${seconds}`;
}
