import { describe, expect, it } from 'vitest';
import { formatCountdown } from '../countdown';

describe('formatCountdown', () => {
  const now = 1_800_000_000_000;

  it('shows minutes and seconds, hours when there are some, and rounds partial seconds up', () => {
    expect(formatCountdown(1_800_000_065, now)).toBe('1:05');
    expect(formatCountdown(1_800_014_400, now)).toBe('4:00:00');
    expect(formatCountdown(1_800_000_001, now + 500)).toBe('0:01');
  });

  it('says expired once the time has come, and — without a token', () => {
    expect(formatCountdown(1_800_000_000, now)).toBe('expired');
    expect(formatCountdown(null, now)).toBe('—');
  });
});
