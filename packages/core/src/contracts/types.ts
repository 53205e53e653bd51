/** Vendors whose tokens the site signs itself (OpenWeb tokens come from an identity provider). */
export type VendorId = 'spartez' | 'tiledesk' | 'medchat' | 'zendesk' | 'generic';

/** How a vendor hands out its shared secret: the bytes to sign with are the decoded text. */
export type SecretEncoding = 'utf8' | 'base64url' | 'hex';

/** The site's signed-in user, as the site knows them. */
export interface SiteUser {
  /** The user's id in the site's own system; it must never change for a user. */
  id: string;
  name?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  emailVerified?: boolean;
}

export type Claims = Record<string, unknown>;
export type JwtHeader = Record<string, unknown>;

/** One rule of a contract, checked against one token. */
export interface RuleResult {
  /** Stable id of the rule, e.g. `iat.seconds` or `external_id.alphanumeric`. */
  rule: string;
  ok: boolean;
  /** What holds (when ok) or what is wrong (when not), in words a person understands. */
  message: string;
}

/** The limits a rule's message may quote. */
export interface ContractLimits {
  /** The vendor's product name, as people call it. */
  title: string;
  /** Longest allowed `exp - iat`, in seconds. */
  maxTtl: number;
  /** Allowed clock skew, in seconds. */
  clockSkew: number;
}

export interface Rule {
  id: string;
  /** The rule as a statement, shown when a token keeps it. */
  description: string;
  /** Why the token breaks the rule, or `undefined` when it keeps it. */
  test(header: JwtHeader, claims: Claims, now: number, limits: ContractLimits): string | undefined;
}

/**
 * What one vendor accepts: how its claims are built from a site user, how long
 * a token may live, and every rule its verifier applies. Pure data and
 * functions: no crypto, safe in a browser.
 */
export interface TokenContract<Options = undefined> extends ContractLimits {
  vendor: VendorId;
  secretEncoding: SecretEncoding;
  /** Lifetime used when the site does not choose one, in seconds. */
  defaultTtl: number;
  /** Whether the vendor needs a `kid` header naming one of several keys. */
  kidRequired: boolean;
  rules: readonly Rule[];
  /** The vendor's claims for a user, without `iat` and `exp`. */
  claims(user: SiteUser, options?: Options): Claims;
  /** Every rule, kept or broken; `now` in unix seconds. */
  check(header: JwtHeader, claims: Claims, now: number): RuleResult[];
  /** Only the broken rules; empty when the token is acceptable. */
  validate(header: JwtHeader, claims: Claims, now: number): RuleResult[];
}
