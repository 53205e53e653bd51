import { describe, expect, it } from 'vitest';
import { ChatSSOError, decodeToken } from '../index';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** base64url of text and raw bytes, in order. */
const bytes = (...parts: (string | number)[]) =>
  Buffer.concat(
    parts.map((part) => Buffer.from(typeof part === 'string' ? part : [part])),
  ).toString('base64url');
const token = (header: unknown, claims: unknown, signature = 'c2ln') =>
  `${b64url(header)}.${b64url(claims)}.${signature}`;

describe('decodeToken', () => {
  it('reads the header and claims without verifying', () => {
    expect(decodeToken(token({ alg: 'HS256', typ: 'JWT' }, { sub: 'ada', exp: 5 }))).toEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      claims: { sub: 'ada', exp: 5 },
    });
  });

  it('reads UTF-8 claims, characters outside the BMP and URI syntax included', () => {
    const name = 'Zoë Łukasz 李 🙂 100% a+b=c&d';
    expect(decodeToken(token({ alg: 'HS256' }, { name })).claims.name).toBe(name);
  });

  it.each([
    ['two parts', 'abc.def', /three dot-separated parts/],
    [
      'an empty signature',
      token({ alg: 'HS256' }, {}, ''),
      /empty or has characters outside base64url/,
    ],
    ['padding characters', `${token({ alg: 'HS256' }, {})}=`, /outside base64url/],
    [
      'a header that is not JSON',
      `bm90IGpzb24.${b64url({})}.c2ln`,
      /header is not base64url-encoded JSON/,
    ],
    [
      'a payload that is not UTF-8',
      `${b64url({ alg: 'HS256' })}.${bytes('{"a":"', 0xc3, 0x28, '"}')}.c2ln`,
      /payload is not base64url-encoded JSON/,
    ],
    [
      'a payload with a UTF-16 surrogate encoded as UTF-8',
      `${b64url({ alg: 'HS256' })}.${bytes('{"a":"', 0xed, 0xa0, 0x80, '"}')}.c2ln`,
      /payload is not base64url-encoded JSON/,
    ],
    ['a payload that is an array', token({ alg: 'HS256' }, [1, 2]), /payload is not a JSON object/],
    ['a payload that is null', token({ alg: 'HS256' }, null), /payload is not a JSON object/],
    [
      'over 4096 characters',
      token({ alg: 'HS256' }, { pad: 'x'.repeat(5000) }),
      /longer than 4096/,
    ],
  ])('refuses a token with %s as malformed_token', (_name, input, reason) => {
    const error = (() => {
      try {
        decodeToken(input);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ChatSSOError);
    expect(error).toMatchObject({ code: 'malformed_token', transient: false });
    expect((error as Error).message).toMatch(reason);
  });

  it('refuses a value that is not a string', () => {
    expect(() => decodeToken(42 as unknown as string)).toThrow(/not a string/);
  });
});
