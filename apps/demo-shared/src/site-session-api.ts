import { requestJson } from './demo-api-error';

/** The site's signed-in user as the demo server describes it. */
export interface SiteUser {
  username: string;
  name: string;
  email: string;
}

/** The demo's two people; both sign in with the password `demo`. */
export const demoUsers = [
  { username: 'ada', name: 'Ada Lovelace' },
  { username: 'grace', name: 'Grace Hopper' },
] as const;

export const DEMO_PASSWORD = 'demo';

const SESSION_URL = '/api/session';

/** Who the site session belongs to, or `null` when nobody is signed in. */
export async function fetchSiteUser(): Promise<SiteUser | null> {
  return (await requestJson<{ user: SiteUser | null }>(SESSION_URL)).user;
}

/** Signs the site in; a wrong password rejects with a `DemoApiError` (`invalid_credentials`). */
export async function signIn(username: string, password: string): Promise<SiteUser> {
  const { user } = await requestJson<{ user: SiteUser }>(SESSION_URL, {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  return user;
}

export async function signOut(): Promise<void> {
  await requestJson(SESSION_URL, { method: 'DELETE' });
}

/** The demo user a user switch signs in: the one who is not `username`. */
export function otherDemoUser(username: string): (typeof demoUsers)[number] {
  return demoUsers.find((user) => user.username !== username) ?? demoUsers[0];
}

/** Signs the site in as the other demo user, without a page load: the widget must follow. */
export function switchUser(current: SiteUser): Promise<SiteUser> {
  return signIn(otherDemoUser(current.username).username, DEMO_PASSWORD);
}

/** The line under the sign-in form. */
export const signInHint = `Try ${demoUsers.map((user) => user.username).join(' or ')}, password ${DEMO_PASSWORD}.`;
