export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * The `Authorization: Basic` credentials of a request (RFC 7617, UTF-8), for
 * a site whose `authenticate` accepts them; `null` when absent or unreadable.
 */
export function readBasicCredentials(request: Request): BasicCredentials | null {
  const encoded = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(
    request.headers.get('Authorization')?.trim() ?? '',
  )?.[1];
  if (encoded === undefined) return null;
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
