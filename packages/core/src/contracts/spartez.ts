import { compactClaims, defineContract } from './define-contract';
import { emailClaim, standardRules, textClaim } from './rules';

/**
 * Spartez Support Chat (Jira Service Management) auto-login: `email` and
 * `displayName`, signed HS256 with the project's pre-shared secret as text.
 * The guide's example lives 5 min; it states no maximum, so chat-sso caps the
 * token at 1 h: it is used once, at login.
 */
export const spartez = defineContract({
  vendor: 'spartez',
  title: 'Spartez Support Chat',
  secretEncoding: 'utf8',
  defaultTtl: 5 * 60,
  maxTtl: 60 * 60,
  clockSkew: 60,
  kidRequired: false,
  rules: [
    ...standardRules({ kidRequired: false }),
    emailClaim('email', { required: true }),
    textClaim('displayName', { required: true }),
  ],
  claims: (user) => compactClaims({ email: user.email, displayName: user.name }),
});
