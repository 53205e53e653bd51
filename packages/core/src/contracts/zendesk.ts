import { compactClaims, defineContract } from './define-contract';
import { booleanClaim, emailClaim, exactClaim, standardRules, textClaim } from './rules';

/**
 * Zendesk messaging: `external_id`, `scope: "user"`, optional `name`, `email`,
 * `email_verified`; the `kid` header names one of the account's signing keys.
 * The widget pulls a fresh token whenever it needs one, so tokens stay short.
 */
export const zendesk = defineContract({
  vendor: 'zendesk',
  title: 'Zendesk messaging',
  secretEncoding: 'utf8',
  defaultTtl: 5 * 60,
  maxTtl: 60 * 60,
  clockSkew: 60,
  kidRequired: true,
  rules: [
    ...standardRules({ kidRequired: true }),
    textClaim('external_id', { required: true, maxLength: 255 }),
    exactClaim('scope', 'user', true),
    textClaim('name', { required: false, maxLength: 255 }),
    emailClaim('email', { required: false, maxLength: 255 }),
    booleanClaim('email_verified'),
  ],
  claims: (user) =>
    compactClaims({
      external_id: user.id,
      scope: 'user',
      name: user.name,
      email: user.email,
      email_verified: user.emailVerified,
    }),
});
