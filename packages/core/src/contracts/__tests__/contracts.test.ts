import { describe, expect, it } from 'vitest';
import {
  type Claims,
  contracts,
  formatDuration,
  getContract,
  isVendorId,
  type JwtHeader,
  type SiteUser,
  type TokenContract,
  tiledesk,
} from '../index';

const NOW = 1_800_000_000;
const ada: SiteUser = { id: 'user-123456', name: 'Ada Lovelace', email: 'ada@example.com' };
const withProject = tiledesk.claims(ada, { projectId: 'p1' });

/** A good token changed so that it breaks `rule`: each value replaces the token's own, `undefined` removes it. */
interface Case {
  rule: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  says: RegExp;
}

function change(target: Record<string, unknown>, changes: Record<string, unknown> = {}): void {
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete target[name];
    else target[name] = value;
  }
}

/** A token the contract accepts: its own claims for Ada, issued now, default lifetime. */
function goodToken(contract: TokenContract<unknown>): { header: JwtHeader; claims: Claims } {
  const header: JwtHeader = {
    alg: 'HS256',
    typ: 'JWT',
    ...(contract.kidRequired ? { kid: 'key-1' } : {}),
  };
  return { header, claims: { ...contract.claims(ada), iat: NOW, exp: NOW + contract.defaultTtl } };
}

const standardCases = (contract: TokenContract<unknown>): Case[] => [
  {
    rule: 'header.alg',
    header: { alg: 'none' },
    says: new RegExp(`alg is "none"; ${contract.title} accepts only HS256`),
  },
  {
    rule: 'header.alg',
    header: { alg: 'HS512' },
    says: /accepts only HS256/,
  },
  {
    rule: 'header.typ',
    header: { typ: 'at+jwt' },
    says: /typ is "at\+jwt"; expected "JWT"/,
  },
  {
    rule: 'header.kid',
    header: { kid: '../../etc/passwd' },
    says: /kid "..\/..\/etc\/passwd" is not 1-64/,
  },
  {
    rule: 'iat.seconds',
    claims: { iat: NOW * 1000 },
    says: /iat is in milliseconds/,
  },
  {
    rule: 'iat.seconds',
    claims: { iat: undefined },
    says: /iat is missing/,
  },
  {
    rule: 'iat.seconds',
    claims: { iat: NOW + 0.25 },
    says: /not a whole number of seconds/,
  },
  {
    rule: 'iat.not_in_future',
    claims: {
      iat: NOW + contract.clockSkew + 60,
      exp: NOW + contract.clockSkew + 120,
    },
    says: new RegExp(
      `in the future; ${contract.title} allows at most ${formatDuration(contract.clockSkew)} of clock skew`,
    ),
  },
  {
    rule: 'exp.seconds',
    claims: { exp: String(NOW + 60) },
    says: /exp is "\d+", not a number of seconds/,
  },
  {
    rule: 'exp.seconds',
    claims: { exp: undefined },
    says: /exp is missing/,
  },
  {
    rule: 'exp.after_iat',
    claims: { iat: NOW - 30, exp: NOW - 30 },
    says: /is not after iat/,
  },
  {
    rule: 'exp.max_lifetime',
    claims: { exp: NOW + contract.maxTtl + 60 },
    says: new RegExp(
      `after iat; ${contract.title} allows at most ${formatDuration(contract.maxTtl)}`,
    ),
  },
  {
    rule: 'exp.not_expired',
    claims: {
      iat: NOW - 600 - contract.clockSkew,
      exp: NOW - 60 - contract.clockSkew,
    },
    says: /the token expired .* ago/,
  },
];

const vendorCases: Record<keyof typeof contracts, Case[]> = {
  spartez: [
    {
      rule: 'email.email',
      claims: { email: undefined },
      says: /email is missing/,
    },
    {
      rule: 'email.email',
      claims: { email: 'not an email' },
      says: /is not an email address/,
    },
    {
      rule: 'displayName.text',
      claims: { displayName: undefined },
      says: /displayName is missing/,
    },
    {
      rule: 'displayName.text',
      claims: { displayName: 42 },
      says: /displayName is 42, not text/,
    },
  ],
  tiledesk: [
    {
      rule: 'name.text',
      claims: { name: '  ' },
      says: /name is empty/,
    },
    {
      rule: 'email.email',
      claims: { email: undefined },
      says: /email is missing/,
    },
    {
      rule: 'external_id.alphanumeric',
      claims: { external_id: 'user 123' },
      says: /external_id contains a space/,
    },
    {
      rule: 'external_id.alphanumeric',
      claims: { external_id: 'ada@example.com' },
      says: /external_id contains "@"/,
    },
    {
      rule: 'external_id.alphanumeric',
      claims: { external_id: 'a'.repeat(201) },
      says: /201 characters long; at most 200/,
    },
    {
      rule: '_id.matches_external_id',
      claims: { ...withProject, _id: 'someone-else' },
      says: /_id \("someone-else"\) differs from external_id/,
    },
    {
      rule: 'sub.value',
      claims: { ...withProject, sub: 'user' },
      says: /sub is "user"; expected "userexternal"/,
    },
    {
      rule: 'aud.project',
      claims: { ...withProject, aud: 'https://evil.example/projects/1' },
      says: /expected "https:\/\/tiledesk.com\/projects\/<projectId>"/,
    },
  ],
  medchat: [
    {
      rule: 'name.text',
      claims: { name: 'x'.repeat(201) },
      says: /name is 201 characters long; at most 200/,
    },
    {
      rule: 'name.text',
      claims: { name: undefined },
      says: /name is missing/,
    },
    {
      rule: 'email.email',
      claims: { email: `${'e'.repeat(195)}@x.com` },
      says: /email is 201 characters long; at most 200/,
    },
    {
      rule: 'external_id.alphanumeric',
      claims: { external_id: undefined },
      says: /external_id is missing/,
    },
    {
      rule: 'external_id.alphanumeric',
      claims: { external_id: 'ümlaut' },
      says: /external_id contains "ü"/,
    },
  ],
  zendesk: [
    {
      rule: 'header.kid',
      header: { kid: undefined },
      says: /kid is missing; Zendesk messaging needs the id of the signing key/,
    },
    {
      rule: 'external_id.text',
      claims: { external_id: undefined },
      says: /external_id is missing/,
    },
    {
      rule: 'scope.value',
      claims: { scope: 'admin' },
      says: /scope is "admin"; expected "user"/,
    },
    {
      rule: 'scope.value',
      claims: { scope: undefined },
      says: /scope is missing; expected "user"/,
    },
    {
      rule: 'email_verified.boolean',
      claims: { email_verified: 'yes' },
      says: /email_verified is "yes", not true or false/,
    },
  ],
  generic: [
    {
      rule: 'sub.text',
      claims: { sub: undefined },
      says: /sub is missing/,
    },
    {
      rule: 'email.email',
      claims: { email: 'ada' },
      says: /"ada" is not an email address/,
    },
  ],
};

describe.each(Object.values(contracts))('the $title contract', (contract) => {
  it('accepts its own claims for a user, issued now with the default lifetime', () => {
    const { header, claims } = goodToken(contract);
    expect(contract.validate(header, claims, NOW)).toEqual([]);
    expect(contract.check(header, claims, NOW).every((result) => result.ok)).toBe(true);
  });

  it('reports every rule it checks, kept or broken', () => {
    const { header, claims } = goodToken(contract);
    expect(contract.check(header, claims, NOW).map((r) => r.rule)).toEqual(
      contract.rules.map((r) => r.id),
    );
  });

  it('keeps the default lifetime within the maximum', () => {
    expect(contract.defaultTtl).toBeLessThanOrEqual(contract.maxTtl);
  });

  const cases = [...standardCases(contract), ...vendorCases[contract.vendor]];
  it.each(cases)('breaks only $rule when the token does ($says)', ({ rule, says, ...changes }) => {
    const { header, claims } = goodToken(contract);
    change(header, changes.header);
    change(claims, changes.claims);
    const broken = contract.validate(header, claims, NOW);
    expect(broken.map((r) => r.rule)).toEqual([rule]);
    expect(broken[0]?.message).toMatch(says);
  });

  it('accepts a token issued within the clock skew ahead of now', () => {
    const { header, claims } = goodToken(contract);
    claims.iat = NOW + contract.clockSkew;
    claims.exp = NOW + contract.clockSkew + 60;
    expect(contract.validate(header, claims, NOW)).toEqual([]);
  });

  it('lists every broken rule at once, not just the first', () => {
    const broken = contract.validate({ alg: 'none' }, {}, NOW).map((r) => r.rule);
    expect(broken).toEqual(expect.arrayContaining(['header.alg', 'iat.seconds', 'exp.seconds']));
    expect(broken.length).toBeGreaterThanOrEqual(3);
  });
});

describe('Tiledesk claims', () => {
  it("accepts the guide's own external_id example, user-123456", () => {
    const claims: Claims = { ...tiledesk.claims(ada), iat: NOW, exp: NOW + 600 };
    expect(claims.external_id).toBe('user-123456');
    expect(tiledesk.validate({ alg: 'HS256', typ: 'JWT' }, claims, NOW)).toEqual([]);
  });

  it('says a 4 h lifetime is above the 10 min maximum in plain words', () => {
    const claims = { ...tiledesk.claims(ada), iat: NOW, exp: NOW + 4 * 3600 };
    expect(tiledesk.validate({ alg: 'HS256' }, claims, NOW)).toEqual([
      {
        rule: 'exp.max_lifetime',
        ok: false,
        message: 'exp is 4 h after iat; Tiledesk allows at most 10 min',
      },
    ]);
  });

  it('adds the claims the Tiledesk server reads when a project id is configured', () => {
    expect(tiledesk.claims(ada, { projectId: '65a1b2' })).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      external_id: 'user-123456',
      _id: 'user-123456',
      sub: 'userexternal',
      aud: 'https://tiledesk.com/projects/65a1b2',
      firstname: 'Ada',
      lastname: 'Lovelace',
    });
  });

  it("emits only the guide's claims without a project id", () => {
    expect(tiledesk.claims(ada)).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      external_id: 'user-123456',
    });
  });
});

describe('contract data', () => {
  it('encodes the MedChat secret as base64url and every other as text', () => {
    expect(contracts.medchat.secretEncoding).toBe('base64url');
    for (const vendor of ['spartez', 'tiledesk', 'zendesk', 'generic'] as const) {
      expect(contracts[vendor].secretEncoding).toBe('utf8');
    }
  });

  it("uses the vendors' documented lifetimes and skews", () => {
    expect([contracts.tiledesk.maxTtl, contracts.tiledesk.clockSkew]).toEqual([600, 120]);
    expect(contracts.spartez.defaultTtl).toBe(300);
    expect(contracts.medchat.defaultTtl).toBe(4 * 3600);
  });

  it('omits absent optional claims instead of sending null', () => {
    expect(contracts.zendesk.claims({ id: 'u1' })).toEqual({ external_id: 'u1', scope: 'user' });
  });

  it('looks contracts up by vendor id and refuses unknown vendors by name', () => {
    expect(getContract('medchat')).toBe(contracts.medchat);
    expect(isVendorId('toString')).toBe(false);
    expect(() => getContract('intercom')).toThrow(
      /unknown vendor "intercom"; expected one of spartez, tiledesk, medchat, zendesk, generic/,
    );
  });

  it('formats durations the way people say them', () => {
    expect([45, 90, 120, 600, 3600, 5400, 4 * 3600, 7 * 86400].map(formatDuration)).toEqual([
      '45 s',
      '90 s',
      '2 min',
      '10 min',
      '1 h',
      '1 h 30 min',
      '4 h',
      '7 d',
    ]);
  });
});
