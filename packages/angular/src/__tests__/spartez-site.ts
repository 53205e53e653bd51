import { createServer } from 'node:http';
import { type ChatSSOOptions, fetchToken, type SiteUser } from '@chat-sso/core';
import { getContract } from '@chat-sso/core/contracts';
import { spartez } from '@chat-sso/core/widgets/spartez';
import { type CloudEvent, createVendorCloud } from '@chat-sso/emulators/cloud';
import { createIssuer, createTokenHandler, toNodeHandler } from '@chat-sso/server';

const SECRET = 'spartez-project-secret-for-angular-tests-0123456789';

export const ada: SiteUser = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' };
export const grace: SiteUser = {
  id: 'user-grace',
  name: 'Grace Hopper',
  email: 'grace@example.com',
};

export interface SpartezSite {
  /** What a page of this site passes to `provideChatSSO()` or `createChatSSO()`. */
  options: ChatSSOOptions;
  /** Where the emulated Spartez widget calls its vendor cloud. */
  vendorUrl: string;
  /** Signs the site's user in or out of the site itself (the token endpoint's session). */
  signIn(user: SiteUser | null): void;
  /** The vendor cloud's record of logins and logouts, oldest first. */
  vendorLog(): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

/**
 * A site on a loopback port: its token endpoint (the real `@chat-sso/server`
 * handler signing Spartez tokens) and the emulated Spartez cloud verifying them.
 */
export async function startSpartezSite(): Promise<SpartezSite> {
  let user: SiteUser | null = null;
  const tokens = createTokenHandler({
    issuer: createIssuer({ contract: getContract('spartez'), secret: SECRET }),
    authenticate: () => user,
  });
  const cloud = createVendorCloud('spartez', { secret: SECRET });
  const server = createServer(
    toNodeHandler((request) =>
      new URL(request.url).pathname.startsWith('/vendor/') ? cloud(request) : tokens(request),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    // No cross-tab channel: each test's stores stay on their own.
    options: { widget: spartez(), token: fetchToken(`${origin}/api/chat-token`), channel: false },
    vendorUrl: `${origin}/vendor/spartez`,
    signIn: (next) => {
      user = next;
    },
    vendorLog: async () => {
      const { events } = (await (await fetch(`${origin}/vendor/spartez/log`)).json()) as {
        events: CloudEvent[];
      };
      return events;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
