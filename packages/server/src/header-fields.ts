/** `jku`, `x5u`, `jwk`, `x5c`, `crit`, `b64`…: each lets a token steer its own verification. */
const ALLOWED_HEADER_FIELDS = new Set(['alg', 'typ', 'kid']);

/** The fields of a JWT header ENGINEERING §3 never accepts: any but `alg`, `typ` and `kid`. */
export function forbiddenHeaderFields(header: object): string[] {
  return Object.keys(header).filter((field) => !ALLOWED_HEADER_FIELDS.has(field));
}
