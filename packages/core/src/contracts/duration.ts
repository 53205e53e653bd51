/** Seconds as people say them: `90 s`, `10 min`, `4 h`, `1 h 30 min`, `7 d`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 120 && s % 60 !== 0) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const min = Math.round((s % 3600) / 60);
    return min === 0 ? `${h} h` : `${h} h ${min} min`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.round((s % 86_400) / 3600);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
