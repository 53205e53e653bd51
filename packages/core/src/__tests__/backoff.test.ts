import { describe, expect, it } from 'vitest';
import { backoff } from '../backoff';

describe('backoff', () => {
  it('is between half and all of the capped exponential delay', () => {
    const options = { attempts: 10, baseDelay: 500, maxDelay: 5000 };
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoff(failures, options, 0.999_999))).toEqual(
      [500, 1000, 2000, 4000, 5000, 5000].map((delay) => expect.closeTo(delay, 0)),
    );
    expect([1, 2, 3, 4, 5].map((failures) => backoff(failures, options, 0))).toEqual([
      250, 500, 1000, 2000, 2500,
    ]);
  });
});
