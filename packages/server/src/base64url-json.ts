const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each base64url character's 6 bits, by character code. */
const SEXTETS = Uint8Array.from({ length: 128 }, (_, code) =>
  Math.max(0, ALPHABET.indexOf(String.fromCharCode(code))),
);
const utf8 = new TextDecoder();
/** Decoding is synchronous, so one buffer serves every call; a token's segment never needs more. */
const scratch = new Uint8Array(3072);

/**
 * The JSON value a JWT segment encodes, decoded as jose does (unpadded
 * base64url, bits past the last byte ignored, UTF-8 with replacement
 * characters) but without jose's `atob` round trip, which in Node 20 costs as
 * much as the HMAC. The segment must already be known to hold only base64url
 * characters; a length no base64 string has, or text that is not JSON, throws.
 */
export function decodeJsonSegment(segment: string): unknown {
  const { length } = segment;
  if (length % 4 === 1) throw new TypeError('a base64url segment cannot be 4n + 1 characters');
  const size = (length * 3) >> 2;
  const bytes = size <= scratch.length ? scratch : new Uint8Array(size);
  let byte = 0;
  let char = 0;
  for (; char + 4 <= length; char += 4) {
    const bits =
      (SEXTETS[segment.charCodeAt(char)]! << 18) |
      (SEXTETS[segment.charCodeAt(char + 1)]! << 12) |
      (SEXTETS[segment.charCodeAt(char + 2)]! << 6) |
      SEXTETS[segment.charCodeAt(char + 3)]!;
    bytes[byte++] = bits >> 16;
    bytes[byte++] = bits >> 8;
    bytes[byte++] = bits;
  }
  const rest = length - char;
  if (rest > 1) {
    const bits =
      (SEXTETS[segment.charCodeAt(char)]! << 18) |
      (SEXTETS[segment.charCodeAt(char + 1)]! << 12) |
      (rest === 3 ? SEXTETS[segment.charCodeAt(char + 2)]! << 6 : 0);
    bytes[byte++] = bits >> 16;
    if (rest === 3) bytes[byte] = bits >> 8;
  }
  return JSON.parse(utf8.decode(bytes.subarray(0, size)));
}
