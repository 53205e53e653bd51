import { compactClaims, defineContract } from './define-contract';
import { emailClaim, externalIdClaim, standardRules, textClaim } from './rules';

/**
 * MedChat JWT passthrough: `name` (≤ 200), optional `email` (≤ 200),
 * `external_id` (alphanumeric, ≤ 200). The shared secret is given
 * base64url-encoded and signs as the decoded bytes. The guide's example lives
 * 4 h; it states no maximum, so chat-sso caps the token at 24 h.
 */
export const medchat = defineContract({
  vendor: 'medchat',
  title: 'MedChat',
  secretEncoding: 'base64url',
  defaultTtl: 4 * 60 * 60,
  maxTtl: 24 * 60 * 60,
  clockSkew: 60,
  kidRequired: false,
  rules: [
    ...standardRules({ kidRequired: false }),
    textClaim('name', { required: true, maxLength: 200 }),
    emailClaim('email', { required: false, maxLength: 200 }),
    externalIdClaim('external_id', 200),
  ],
  claims: (user) => compactClaims({ name: user.name, email: user.email, external_id: user.id }),
});
