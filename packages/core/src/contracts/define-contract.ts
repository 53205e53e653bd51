import type { Claims, JwtHeader, RuleResult, SiteUser, TokenContract } from './types';

type ContractDefinition<Options> = Omit<TokenContract<Options>, 'check' | 'validate' | 'claims'> & {
  claims(user: SiteUser, options?: Options): Claims;
};

/** Turns a contract's data and rules into a frozen contract with `check` and `validate`. */
export function defineContract<Options = undefined>(
  definition: ContractDefinition<Options>,
): TokenContract<Options> {
  const check = (header: JwtHeader, claims: Claims, now: number): RuleResult[] =>
    definition.rules.map((rule) => {
      const broken = rule.test(header, claims, now, definition);
      return broken === undefined
        ? { rule: rule.id, ok: true, message: rule.description }
        : { rule: rule.id, ok: false, message: broken };
    });
  return Object.freeze({
    ...definition,
    rules: Object.freeze([...definition.rules]),
    check,
    validate: (header: JwtHeader, claims: Claims, now: number) =>
      check(header, claims, now).filter((result) => !result.ok),
  });
}

/** Drops `undefined` values so optional claims are absent rather than `null` in JSON. */
export function compactClaims(claims: Record<string, unknown>): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
