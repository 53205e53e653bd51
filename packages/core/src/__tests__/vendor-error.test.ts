import { describe, expect, it } from 'vitest';
import { ChatSSOError, vendorError } from '../errors';

describe('vendorError', () => {
  it.each([
    ['a thrown Error', new Error('token expired'), 'token expired'],
    ['a rejected string', 'token expired', 'token expired'],
    [
      'a { message } object',
      { type: 'LoginFailedError', message: 'token expired' },
      'token expired',
    ],
    ['a { reason } object', { reason: 'token expired' }, 'token expired'],
  ])('keeps the vendor message of %s as vendor_rejected', (_case, reason, message) => {
    expect(vendorError(reason)).toMatchObject({
      code: 'vendor_rejected',
      transient: false,
      message,
    });
  });

  it.each([
    'Spartez Support Chat answered HTTP 503',
    'Service temporarily unavailable',
    'Zendesk messaging could not be reached (network error)',
    'request timed out',
  ])('marks "%s" transient', (message) => {
    expect(vendorError(new Error(message))).toMatchObject({
      code: 'vendor_unavailable',
      transient: true,
      message,
    });
  });

  it("applies the adapter's own transient wording", () => {
    const error = new Error('The new user is still being created, try later');
    expect(vendorError(error, /being created/)).toMatchObject({ transient: true });
    expect(vendorError(new Error('user being created'))).toMatchObject({ transient: false });
  });

  it('passes a ChatSSOError through', () => {
    const error = new ChatSSOError('session_expired', 'gone');
    expect(vendorError(error)).toBe(error);
  });
});
