import { type Claims, decodeToken, type JwtHeader } from '@chat-sso/core';
import type { RuleResult, TokenContract } from '@chat-sso/core/contracts';
import { forbiddenHeaderFields } from './header-fields';
import { verifyHs256Signature } from './hs256';
import { isTokenError } from './token-error';

export interface SignatureCheck {
  ok: boolean;
  message: string;
}

/** Everything known about a token, valid or not: what `chat-sso inspect` shows. */
export interface Inspection {
  valid: boolean;
  vendor: string;
  /** Unix seconds the rules were checked at. */
  now: number;
  header: JwtHeader;
  claims: Claims;
  /** Every rule of the contract, kept or broken. */
  rules: RuleResult[];
  /** `null` when no secret was given to check it with. */
  signature: SignatureCheck | null;
}

async function checkSignature(token: string, key: CryptoKey): Promise<SignatureCheck> {
  try {
    await verifyHs256Signature(token, key);
    return { ok: true, message: 'the signature matches the secret' };
  } catch (error) {
    if (!isTokenError(error)) throw error;
    return { ok: false, message: `${error.message} (${error.code})` };
  }
}

/**
 * Fields no verifier of chat-sso or of the vendors accepts, though no
 * contract lists them: reported only when the token carries some.
 */
function headerFieldsRule(header: JwtHeader): RuleResult[] {
  const forbidden = forbiddenHeaderFields(header);
  if (forbidden.length === 0) return [];
  const fields = forbidden.map((field) => JSON.stringify(field)).join(', ');
  return [
    {
      rule: 'header.fields',
      ok: false,
      message: `the header carries ${fields}; only alg, typ and kid are accepted`,
    },
  ];
}

/**
 * Decodes a token and checks it against every rule of a contract, and its
 * signature when a key is given. Throws only when the token cannot be read.
 */
export async function inspectToken(
  token: string,
  options: { contract: TokenContract<unknown>; key?: CryptoKey; now: number },
): Promise<Inspection> {
  const { contract, key, now } = options;
  const { header, claims } = decodeToken(token);
  const rules = [...headerFieldsRule(header), ...contract.check(header, claims, now)];
  const signature = key ? await checkSignature(token, key) : null;
  return {
    valid: rules.every((rule) => rule.ok) && signature?.ok !== false,
    vendor: contract.vendor,
    now,
    header,
    claims,
    rules,
    signature,
  };
}

const indent = (text: string) => text.replace(/^/gm, '  ');
const mark = (ok: boolean) => (ok ? '✔' : '✘');

/** The inspection as people read it in a terminal. */
export function formatInspection(inspection: Inspection, title: string): string {
  const { header, claims, rules, signature, now } = inspection;
  const broken = rules.filter((rule) => !rule.ok).length + (signature?.ok === false ? 1 : 0);
  return [
    'header',
    indent(JSON.stringify(header, null, 2)),
    'claims',
    indent(JSON.stringify(claims, null, 2)),
    `rules of ${title}, at ${now} (${new Date(now * 1000).toISOString()})`,
    ...rules.map((rule) => `  ${mark(rule.ok)} ${rule.message}`),
    'signature',
    signature
      ? `  ${mark(signature.ok)} ${signature.message}`
      : '  - not checked: pass --secret to check it',
    inspection.valid ? 'valid' : `invalid: ${broken} ${broken === 1 ? 'problem' : 'problems'}`,
    '',
  ].join('\n');
}
