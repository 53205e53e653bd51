import { medchat, spartez } from '@chat-sso/core/contracts';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createIssuer } from '../issuer';
import { generateSecret } from '../secret';
import { createVerifier } from '../verifier';

/** jsonwebtoken is an independent implementation: each side must accept the other's tokens. */
const NOW = 1_750_000_000;
const SECRET = 'Qw3eR5tY7uI9oP1aS3dF5gH7jK9lZ1xC';
const ada = { id: 'user-123456', name: 'Ada Lovelace', email: 'ada@example.com' };

describe('interop with jsonwebtoken', () => {
  it('jsonwebtoken verifies what the issuer signs', async () => {
    const { token } = await createIssuer({
      contract: spartez,
      secret: SECRET,
      now: () => NOW,
    }).issue(ada);
    expect(jwt.verify(token, SECRET, { algorithms: ['HS256'], clockTimestamp: NOW })).toEqual({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      iat: NOW,
      exp: NOW + 300,
    });
  });

  it('jsonwebtoken verifies a MedChat token with the base64url-decoded secret bytes', async () => {
    const secret = generateSecret();
    const { token } = await createIssuer({ contract: medchat, secret, now: () => NOW }).issue(ada);
    const claims = jwt.verify(token, Buffer.from(secret, 'base64url'), {
      algorithms: ['HS256'],
      clockTimestamp: NOW,
    });
    expect(claims).toMatchObject({ external_id: 'user-123456', exp: NOW + 4 * 3600 });
  });

  it('the verifier accepts what jsonwebtoken signs, kid included', async () => {
    const token = jwt.sign({ email: 'ada@example.com', displayName: 'Ada', iat: NOW }, SECRET, {
      algorithm: 'HS256',
      expiresIn: 300,
      keyid: 'spartez-2025',
    });
    const verifier = createVerifier({ contract: spartez, secret: SECRET, kid: 'spartez-2025' });
    await expect(verifier.verify(token, { now: NOW })).resolves.toEqual({
      header: { alg: 'HS256', typ: 'JWT', kid: 'spartez-2025' },
      claims: { email: 'ada@example.com', displayName: 'Ada', iat: NOW, exp: NOW + 300 },
    });
  });

  it('the verifier refuses what jsonwebtoken signs with HS512 under the same secret', async () => {
    const token = jwt.sign({ sub: 'u', iat: NOW, exp: NOW + 60 }, SECRET, { algorithm: 'HS512' });
    await expect(
      createVerifier({ secret: SECRET }).verify(token, { now: NOW }),
    ).rejects.toMatchObject({
      code: 'unsupported_alg',
    });
  });
});
