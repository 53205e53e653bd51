import { createServer } from 'node:http';
import { type ChatSSOOptions, fetchToken, type SiteUser } from '@chat-sso/core';
import { getContract } from '@chat-sso/core/contracts';
import { tiledesk } from '@chat-sso/core/widgets/tiledesk';
import { type EmulatorHandle, installTiledeskEmulator } from '@chat-sso/emulators';
import { type CloudLog, createVendorCloud } from '@chat-sso/emulators/cloud';
import { createIssuer, createTokenHandler, toNodeHandler } from '@chat-sso/server';

const SECRET = 'tiledesk-project-secret-for-vue-tests-0123456789';

export const ada: SiteUser = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' };
export const grace: SiteUser = {
  id: 'user-grace',
  name: 'Grace Hopper',
  email: 'grace@example.com',
};

export interface TiledeskSite {
  /** What the site's pages give `createChatSSOPlugin()` or `createChatSSO()`. */
  options: ChatSSOOptions;
  /** The emulated Tiledesk widget installed on this test's window. */
  widget: EmulatorHandle;
  /** Who is signed in to the site itself, as its token endpoint sees it. */
  signIn(user: SiteUser | null): void;
  /** The vendor cloud's log: `login <name>` / `logout`, oldest first. */
  vendorLog(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A site on a loopback port: its token endpoint (the real `@chat-sso/server`
 * handler, signing Tiledesk tokens) and the emulated Tiledesk cloud, which the
 * emulated widget installed on the page's window calls to verify them.
 */
export async function startTiledeskSite(): Promise<TiledeskSite> {
  let user: SiteUser | null = ada;
  const tokens = createTokenHandler({
    issuer: createIssuer({ contract: getContract('tiledesk'), secret: SECRET }),
    authenticate: () => user,
  });
  const cloud = createVendorCloud('tiledesk', { secret: SECRET });
  const server = createServer(
    toNodeHandler((request) =>
      new URL(request.url).pathname.startsWith('/vendor/') ? cloud(request) : tokens(request),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const widget = installTiledeskEmulator({ vendorUrl: `${origin}/vendor/tiledesk`, fetch });

  return {
    // No cross-tab channel: each test's stores stay apart.
    options: { widget: tiledesk(), token: fetchToken(`${origin}/api/chat-token`), channel: false },
    widget,
    signIn: (next) => {
      user = next;
    },
    vendorLog: async () => {
      await widget.idle();
      const { events } = (await (await fetch(`${origin}/vendor/tiledesk/log`)).json()) as CloudLog;
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
