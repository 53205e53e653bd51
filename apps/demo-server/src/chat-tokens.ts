import type { SiteUser } from '@chat-sso/core';
import { getContract } from '@chat-sso/core/contracts';
import { createIssuer, createTokenHandler, type Issuer, type Keyring } from '@chat-sso/server';
import type { Handler } from './handler';
import { jsonError } from './responses';

/** The vendors whose chat tokens the site signs itself, and the keys it signs with. */
export type SigningKeyrings = Record<'spartez' | 'tiledesk' | 'medchat' | 'zendesk', Keyring>;

export interface ChatTokenOptions {
  keyrings: SigningKeyrings;
  /** OpenWeb's tokens come from the site's identity provider, not from a shared secret. */
  openweb: Pick<Issuer, 'issue'>;
  authenticate(request: Request): SiteUser | null;
  onError(error: unknown, request: Request): void;
}

/** Shortest lifetime `?ttl=` may ask for: enough for a widget to log in with it. */
export const MIN_DEMO_TTL = 10;

/** Tiledesk's extra claims (`_id`, `sub`, `aud`, names) appear once a project id is set. */
const TILEDESK_PROJECT = 'chat-sso-demo';

/**
 * `GET /api/chat-token/<vendor>[?ttl=<seconds>]`: the chat-sso token handler
 * for each vendor. `ttl` shortens the token's life (within the vendor's
 * maximum) so the demo and e2e can watch a token expire while a page is open.
 */
export function createChatTokens(
  options: ChatTokenOptions,
): (request: Request, vendor: string) => Promise<Response> {
  const handlers = new Map<string, Handler>();

  /** The issuer for a vendor and lifetime, or the answer saying why there is none. */
  function issuerFor(vendor: string, ttl: number | undefined): Pick<Issuer, 'issue'> | Response {
    if (vendor === 'openweb') {
      return ttl === undefined
        ? options.openweb
        : badTtl('OpenWeb tokens live as the identity provider decides');
    }
    if (!Object.hasOwn(options.keyrings, vendor)) {
      return jsonError(404, 'unknown_vendor', `There is no vendor ${JSON.stringify(vendor)}.`);
    }
    const contract = getContract(vendor);
    if (ttl !== undefined && (ttl < MIN_DEMO_TTL || ttl > contract.maxTtl)) {
      return badTtl(
        `ttl must be whole seconds from ${MIN_DEMO_TTL} to ${contract.maxTtl} for ${contract.title}`,
      );
    }
    return createIssuer({
      contract,
      keyring: options.keyrings[vendor as keyof SigningKeyrings],
      ttl,
      ...(vendor === 'tiledesk' && { claimsOptions: { projectId: TILEDESK_PROJECT } }),
    });
  }

  return async (request, vendor) => {
    const param = new URL(request.url).searchParams.get('ttl');
    const ttl = param === null ? undefined : Number(param);
    if (ttl !== undefined && !Number.isInteger(ttl)) return badTtl('ttl must be whole seconds');
    const key = `${vendor}:${ttl ?? ''}`;
    let handler = handlers.get(key);
    if (!handler) {
      const issuer = issuerFor(vendor, ttl);
      if (issuer instanceof Response) return issuer;
      handler = createTokenHandler({
        issuer,
        authenticate: options.authenticate,
        onError: options.onError,
      });
      handlers.set(key, handler);
    }
    return handler(request);
  };
}

function badTtl(message: string): Response {
  return jsonError(400, 'invalid_ttl', `${message}.`);
}
