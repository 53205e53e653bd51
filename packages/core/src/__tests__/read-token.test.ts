import { describe, expect, it } from 'vitest';
import { readToken } from '../read-token';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64url({ alg: 'HS256' })}.${b64url(claims)}.c2ln`;
const NOW = 1_700_000_000_000;

describe('readToken', () => {
  it('takes the expiry from the source first, then expires_in, then the JWT exp', () => {
    const token = jwt({ external_id: 'ada', exp: 1_700_000_900 });
    expect(readToken({ token, expiresAt: 1_700_000_600, expiresIn: 60 }, NOW).expiresAt).toBe(
      1_700_000_600,
    );
    expect(readToken({ token, expiresIn: 60 }, NOW).expiresAt).toBe(1_700_000_060);
    expect(readToken({ token }, NOW).expiresAt).toBe(1_700_000_900);
    expect(readToken({ token: jwt({ sub: 'ada' }) }, NOW).expiresAt).toBeNull();
  });

  it('ignores expiry values that are not finite numbers', () => {
    const token = jwt({ exp: 1_700_000_900 });
    expect(readToken({ token, expiresAt: '1700000600' as never }, NOW).expiresAt).toBe(
      1_700_000_900,
    );
  });

  it.each([
    [
      'Tiledesk/MedChat/Zendesk',
      { external_id: 'user-1', sub: 'userexternal', name: 'Ada' },
      'user-1',
    ],
    ['an identity provider', { sub: 'auth0|42', email: 'ada@example.com' }, 'auth0|42'],
    ['Spartez', { email: 'ada@example.com', displayName: 'Ada' }, 'ada@example.com'],
  ])('names the user of a %s token by a stable key', (_vendor, claims, key) => {
    expect(readToken({ token: jwt(claims) }, NOW).key).toBe(key);
  });

  it('reads who the token names for the snapshot', () => {
    expect(
      readToken(
        { token: jwt({ external_id: 'u1', displayName: 'Ada L.', email: 'ada@example.com' }) },
        NOW,
      ).user,
    ).toEqual({ id: 'u1', name: 'Ada L.', email: 'ada@example.com' });
  });

  it('keeps an opaque token as is, keyed by itself', () => {
    expect(readToken({ token: 'st2.s.AcbHa1b2c3' }, NOW)).toEqual({
      token: 'st2.s.AcbHa1b2c3',
      expiresAt: null,
      key: 'st2.s.AcbHa1b2c3',
      user: { id: undefined, name: undefined, email: undefined },
      at: NOW,
    });
  });

  it.each([
    ['nothing', undefined],
    ['an empty token', { token: '' }],
    ['a token that is not a string', { token: 42 }],
  ])('refuses %s as token_unavailable', (_case, result) => {
    expect(() => readToken(result as never, NOW)).toThrow(
      expect.objectContaining({ code: 'token_unavailable' }),
    );
  });
});
