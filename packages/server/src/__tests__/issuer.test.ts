import { medchat, spartez, tiledesk, zendesk } from '@chat-sso/core/contracts';
import { describe, expect, it } from 'vitest';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import { generateSecret } from '../secret';
import { TokenError } from '../token-error';
import { createVerifier } from '../verifier';

const NOW = 1_750_000_000;
const SECRET = 'k3Jq9vX2mP8sL5tR1wY7zB4nC6dF0gH2';
const ada = { id: 'user-123456', name: 'Ada Lovelace', email: 'ada@example.com' };

describe('createIssuer', () => {
  it('signs the contract claims with integer iat and exp = iat + the default lifetime', async () => {
    const issuer = createIssuer({ contract: spartez, secret: SECRET, now: () => NOW });
    const { token, expiresAt } = await issuer.issue(ada);
    expect(expiresAt).toBe(NOW + spartez.defaultTtl);
    const { header, claims } = await createVerifier({ contract: spartez, secret: SECRET }).verify(
      token,
      { now: NOW },
    );
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toEqual({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      iat: NOW,
      exp: NOW + 300,
    });
  });

  it('floors a fractional clock to whole seconds', async () => {
    const issuer = createIssuer({ contract: spartez, secret: SECRET, now: () => NOW + 0.75 });
    const { expiresAt } = await issuer.issue(ada);
    expect(expiresAt).toBe(NOW + 300);
  });

  it('reads a MedChat secret as base64url bytes, as the vendor hands it out', async () => {
    const secret = generateSecret();
    const issuer = createIssuer({ contract: medchat, secret, now: () => NOW });
    const { token } = await issuer.issue(ada);
    const bytesKeyring = createKeyring({
      keys: [{ secret: Buffer.from(secret, 'base64url') }],
    });
    await expect(
      createVerifier({ contract: medchat, keyring: bytesKeyring }).verify(token, { now: NOW }),
    ).resolves.toMatchObject({ claims: { external_id: 'user-123456', exp: NOW + 4 * 3600 } });
  });

  it('passes claimsOptions to the contract (Tiledesk project claims)', async () => {
    const issuer = createIssuer({
      contract: tiledesk,
      claimsOptions: { projectId: 'p1' },
      secret: SECRET,
      now: () => NOW,
    });
    const { token } = await issuer.issue(ada);
    const { claims } = await createVerifier({ contract: tiledesk, secret: SECRET }).verify(token, {
      now: NOW,
    });
    expect(claims).toMatchObject({ _id: 'user-123456', aud: 'https://tiledesk.com/projects/p1' });
  });

  it('puts the signing kid in the header, and refuses to start without one when the vendor needs it', async () => {
    expect(() => createIssuer({ contract: zendesk, secret: SECRET })).toThrow(
      'Zendesk messaging needs a kid naming the signing key',
    );
    const issuer = createIssuer({
      contract: zendesk,
      secret: SECRET,
      kid: 'app_1',
      now: () => NOW,
    });
    const { token } = await issuer.issue(ada);
    const { header } = await createVerifier({
      contract: zendesk,
      secret: SECRET,
      kid: 'app_1',
    }).verify(token, { now: NOW });
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'app_1' });
  });

  it('refuses a lifetime above the contract maximum when it is created', () => {
    expect(() => createIssuer({ contract: tiledesk, secret: SECRET, ttl: 11 * 60 })).toThrow(
      new RangeError('ttl is 660; it must be whole seconds from 1 to 600'),
    );
    expect(() => createIssuer({ secret: SECRET, ttl: 1.5 })).toThrow(RangeError);
  });

  it('checks the claims against the contract before signing and lists every broken rule', async () => {
    const issuer = createIssuer({ contract: medchat, secret: generateSecret(), now: () => NOW });
    const refusal = await issuer
      .issue({ id: 'user 1', name: 'x'.repeat(201) })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TokenError);
    expect(refusal).toMatchObject({ code: 'contract_violation' });
    expect((refusal as TokenError).violations.map((violation) => violation.rule)).toEqual([
      'name.text',
      'external_id.alphanumeric',
    ]);
    expect((refusal as TokenError).message).toBe(
      'the token breaks 2 rules of MedChat: name is 201 characters long; at most 200 are allowed; external_id contains a space',
    );
  });

  it('signs plain claims with its own typ when there is no contract (access tokens)', async () => {
    const issuer = createIssuer({ secret: SECRET, typ: 'at+jwt', ttl: 900, now: () => NOW });
    const { token } = await issuer.sign({ sub: 'u1', iat: 1, exp: 2 });
    const verifier = createVerifier({ secret: SECRET, typ: 'at+jwt' });
    await expect(verifier.verify(token, { now: NOW })).resolves.toMatchObject({
      header: { typ: 'at+jwt' },
      claims: { sub: 'u1', iat: NOW, exp: NOW + 900 },
    });
    const { token: byUser } = await issuer.issue(ada, { now: NOW });
    await expect(verifier.verify(byUser, { now: NOW })).resolves.toMatchObject({
      claims: { sub: 'user-123456' },
    });
  });

  it('signs the claims it is given as they are, an own __proto__ key included, with its own iat and exp', async () => {
    const claims = JSON.parse('{"sub":"u1","iat":1,"__proto__":{"admin":true},"exp":2}');
    const issuer = createIssuer({ secret: SECRET, ttl: 900, now: () => NOW });
    for (const hmac of ['node', 'jose'] as const) {
      const { token } = await createIssuer({ secret: SECRET, ttl: 900, hmac, now: () => NOW }).sign(
        claims,
      );
      const payload = Buffer.from(token.split('.')[1]!, 'base64url').toString();
      expect(payload).toBe(
        `{"sub":"u1","iat":${NOW},"__proto__":{"admin":true},"exp":${NOW + 900}}`,
      );
    }
    const { token } = await issuer.sign({ sub: 'u1', name: 'Ada' });
    expect(Buffer.from(token.split('.')[1]!, 'base64url').toString()).toBe(
      `{"sub":"u1","name":"Ada","iat":${NOW},"exp":${NOW + 900}}`,
    );
    expect(claims).toEqual(JSON.parse('{"sub":"u1","iat":1,"__proto__":{"admin":true},"exp":2}'));
  });
});
