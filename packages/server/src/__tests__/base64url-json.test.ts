import fc from 'fast-check';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeBase64urlLoop, decodeJsonSegment } from '../base64url-json';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** What jose's `decodeJwt` makes of a segment: its JSON, or a failure. */
function joseReading(segment: string): { json: unknown } | 'fails' {
  try {
    return { json: JSON.parse(new TextDecoder().decode(base64url.decode(segment))) };
  } catch {
    return 'fails';
  }
}

function ourReading(segment: string): { json: unknown } | 'fails' {
  try {
    return { json: decodeJsonSegment(segment) };
  } catch {
    return 'fails';
  }
}

describe('decodeJsonSegment', () => {
  it('reads any JSON value as jose does, whatever its characters', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const segment = Buffer.from(JSON.stringify(value)).toString('base64url');
        expect(ourReading(segment)).toEqual(joseReading(segment));
        expect(ourReading(segment)).toEqual({ json: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any bytes as jose does: invalid UTF-8 replaced, non-JSON refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string(), (bytes, text) => {
        // Stray bytes inside a JSON string, and on their own.
        const json = Buffer.from(JSON.stringify(text));
        const inString = Buffer.concat([json.subarray(0, 1), bytes, json.subarray(1)]);
        for (const raw of [bytes, inString]) {
          const segment = Buffer.from(raw).toString('base64url');
          expect(ourReading(segment)).toEqual(joseReading(segment));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with jose on every string of base64url characters, spare bits and impossible lengths included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 24 }), (segment) => {
        expect(ourReading(segment)).toEqual(joseReading(segment));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses any character outside base64url, where atob would skip spaces or take = and +', () => {
    const valid = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 });
    const outside = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((char) => !ALPHABET.includes(char));
    fc.assert(
      fc.property(valid, outside, valid, (before, char, after) => {
        expect(() => decodeJsonSegment(`${before}${char}${after}`)).toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a segment of 4n + 1 characters, which no bytes encode to', () => {
    expect(decodeJsonSegment('eyJhIjoxfQ')).toEqual({ a: 1 });
    expect(() => decodeJsonSegment('eyJhIjoxfQAAA')).toThrow(TypeError);
  });
});

describe('decodeBase64urlLoop, for runtimes without Node’s Buffer', () => {
  it('gives the bytes jose gives for every base64url string of a possible length', () => {
    const segments = fc
      .string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 })
      .filter((segment) => segment.length % 4 !== 1);
    fc.assert(
      fc.property(segments, (segment) => {
        expect([...decodeBase64urlLoop(segment)]).toEqual([...base64url.decode(segment)]);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses any character outside base64url in a string of a possible length', () => {
    const valid = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 });
    const outside = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((char) => !ALPHABET.includes(char));
    const segments = fc
      .tuple(valid, outside, valid)
      .map((parts) => parts.join(''))
      .filter((segment) => segment.length % 4 !== 1);
    fc.assert(
      fc.property(segments, (segment) => {
        expect(() => decodeBase64urlLoop(segment)).toThrow(TypeError);
      }),
      { numRuns: 2000 },
    );
  });
});
