import { createServer } from 'node:http';
import { type ChatSSOOptions, fetchToken, type SiteUser } from '@chat-sso/core';
import { getContract } from '@chat-sso/core/contracts';
import { spartez } from '@chat-sso/core/widgets/spartez';
import { type EmulatorHandle, installSpartezEmulator } from '@chat-sso/emulators';
import { type CloudLog, createVendorCloud } from '@chat-sso/emulators/cloud';
import { createIssuer, createTokenHandler, toNodeHandler } from '@chat-sso/server';

const SECRET = 'spartez-project-secret-for-react-tests-0123456789';

export const ada: SiteUser = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' };
export const grace: SiteUser = {
  id: 'user-grace',
  name: 'Grace Hopper',
  email: 'grace@example.com',
};

export interface SpartezSite {
  /** What the site's pages give `<ChatSSOProvider options>` or `createChatSSO()`. */
  options: ChatSSOOptions;
  /** The emulated Spartez widget installed on this test's window. */
  widget: EmulatorHandle;
  /** Who is signed in to the site itself, as its token endpoint sees it. */
  signIn(user: SiteUser | null): void;
  /** The vendor cloud's log: `login <name>` / `logout`, oldest first. */
  vendorLog(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A site on a loopback port: its token endpoint (the real `@chat-sso/server`
 * handler, signing Spartez tokens) and the emulated Spartez cloud, which the
 * emulated widget installed on the page's window calls to verify them.
 */
export async function startSpartezSite(): Promise<SpartezSite> {
  let user: SiteUser | null = ada;
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
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const widget = installSpartezEmulator({ vendorUrl: `${origin}/vendor/spartez`, fetch });

  return {
    // No cross-tab channel: each test's stores stay apart.
    options: { widget: spartez(), token: fetchToken(`${origin}/api/chat-token`), channel: false },
    widget,
    signIn: (next) => {
      user = next;
    },
    vendorLog: async () => {
      await widget.idle();
      const { events } = (await (await fetch(`${origin}/vendor/spartez/log`)).json()) as CloudLog;
      return events.map((event) =>
        event.type === 'login' ? `login ${event.user?.name}` : event.type,
      );
    },
    close: async () => {
      widget.uninstall();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
