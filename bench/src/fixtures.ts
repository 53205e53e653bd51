import type { SiteUser } from '@chat-sso/core';

/** A secret for the benchmarks only: 43 random base64url characters, used as UTF-8. */
export const SECRET = 'q7Vn3xR9mK2pL8sT4wY6zB1cD5fG0hJ-aE_uI3oN7rW';

/** A separate secret for access tokens, as ENGINEERING §3 wants. */
export const ACCESS_SECRET = 'Xc4Rt8Wq1Zs5Ed9Fv3Gb7Hn2Jm6Ku0Li-Op_As2Df4';

/** Token lifetime, in seconds. */
export const TTL = 300;

/** The claims every signer signs; with `iat` and `exp` the payload is about 200 bytes of JSON. */
export const CLAIMS = {
  sub: 'user-123456',
  name: 'Ada Lovelace',
  email: 'ada.lovelace@example.com',
  external_id: 'user123456',
  scope: 'user',
  aud: 'https://chat.example.com/projects/63d2a1',
};

export const USER: SiteUser = {
  id: 'user-123456',
  name: 'Ada Lovelace',
  email: 'ada.lovelace@example.com',
};

export const nowSeconds = () => Math.floor(Date.now() / 1000);
