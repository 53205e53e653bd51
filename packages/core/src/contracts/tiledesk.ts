import { compactClaims, defineContract } from './define-contract';
import { emailClaim, exactClaim, externalIdClaim, standardRules, textClaim } from './rules';
import type { Rule } from './types';

export interface TiledeskClaimsOptions {
  /** When set, the claims the Tiledesk server itself reads are added: `_id`, `sub`, `aud`, names. */
  projectId?: string;
}

const audienceOfProject: Rule = {
  id: 'aud.project',
  description: 'aud, when present, is https://tiledesk.com/projects/<projectId>',
  test: (_header, { aud }) =>
    aud === undefined ||
    (typeof aud === 'string' && /^https:\/\/tiledesk\.com\/projects\/[^/\s]+$/.test(aud))
      ? undefined
      : `aud is ${JSON.stringify(aud)}; expected "https://tiledesk.com/projects/<projectId>"`,
};

const idMatchesExternalId: Rule = {
  id: '_id.matches_external_id',
  description: '_id, when present, equals external_id',
  test: (_header, claims) =>
    claims._id === undefined || claims._id === claims.external_id
      ? undefined
      : `_id (${JSON.stringify(claims._id)}) differs from external_id (${JSON.stringify(claims.external_id)})`,
};

function splitName(name: string | undefined): [string | undefined, string | undefined] {
  if (!name) return [undefined, undefined];
  const parts = name.trim().split(/\s+/);
  return parts.length === 1 ? [parts[0], undefined] : [parts.slice(0, -1).join(' '), parts.at(-1)];
}

/**
 * Tiledesk authenticated visitors: `name`, `email`, `external_id`; `exp` at
 * most 10 min after `iat`; 2 min of clock skew. The widget takes the token
 * with a `JWT ` prefix.
 */
export const tiledesk = defineContract<TiledeskClaimsOptions>({
  vendor: 'tiledesk',
  title: 'Tiledesk',
  secretEncoding: 'utf8',
  defaultTtl: 5 * 60,
  maxTtl: 10 * 60,
  clockSkew: 2 * 60,
  kidRequired: false,
  rules: [
    ...standardRules({ kidRequired: false }),
    textClaim('name', { required: true }),
    emailClaim('email', { required: true }),
    externalIdClaim('external_id', 200),
    idMatchesExternalId,
    exactClaim('sub', 'userexternal', false),
    audienceOfProject,
  ],
  claims: (user, options) => {
    const base = { name: user.name, email: user.email, external_id: user.id };
    if (!options?.projectId) return compactClaims(base);
    const [first, last] = splitName(user.name);
    return compactClaims({
      ...base,
      _id: user.id,
      sub: 'userexternal',
      aud: `https://tiledesk.com/projects/${options.projectId}`,
      firstname: user.firstName ?? first,
      lastname: user.lastName ?? last,
    });
  },
});
