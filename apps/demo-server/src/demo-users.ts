import { timingSafeEqual } from 'node:crypto';
import type { SiteUser } from '@chat-sso/core';

/** The demo's whole user directory: two people sharing one well-known password. */
export const demoUsers: Record<string, SiteUser> = {
  ada: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true },
  grace: { id: 'grace', name: 'Grace Hopper', email: 'grace@example.com', emailVerified: true },
};

export const DEMO_PASSWORD = 'demo';

export function findDemoUser(username: string): SiteUser | undefined {
  return Object.hasOwn(demoUsers, username) ? demoUsers[username] : undefined;
}

/** The user those credentials sign in, or `undefined`; compares in constant time. */
export function checkCredentials(username: string, password: string): SiteUser | undefined {
  const user = findDemoUser(username);
  const given = Buffer.from(password);
  const expected = Buffer.from(DEMO_PASSWORD);
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  return matches ? user : undefined;
}
