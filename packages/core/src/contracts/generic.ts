import { compactClaims, defineContract } from './define-contract';
import { emailClaim, standardRules, textClaim } from './rules';

/** A site-defined token: `sub` is the user's id, `name` and `email` optional. */
export const generic = defineContract({
  vendor: 'generic',
  title: 'the generic contract',
  secretEncoding: 'utf8',
  defaultTtl: 5 * 60,
  maxTtl: 60 * 60,
  clockSkew: 60,
  kidRequired: false,
  rules: [
    ...standardRules({ kidRequired: false }),
    textClaim('sub', { required: true, maxLength: 255 }),
    textClaim('name', { required: false, maxLength: 255 }),
    emailClaim('email', { required: false, maxLength: 255 }),
  ],
  claims: (user) => compactClaims({ sub: user.id, name: user.name, email: user.email }),
});
