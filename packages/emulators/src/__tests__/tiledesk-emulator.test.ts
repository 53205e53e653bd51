// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createVendorCloud } from '../create-vendor-cloud';
import type { EmulatorHandle } from '../install-emulator';
import { installTiledeskEmulator } from '../tiledesk-emulator';
import { ada, lifetime, secrets, sign } from './tokens';
import { fetchFrom, globalsOf } from './vendor-cases';

const tiledesk = () => globalsOf(window).tiledesk;
const tiledeskToken = () =>
  sign(
    { name: ada.name, email: ada.email, external_id: ada.id, ...lifetime(300) },
    secrets.tiledesk,
  );

let handle: EmulatorHandle | undefined;

afterEach(() => {
  handle?.uninstall();
  delete (window as { tileDeskAsyncInit?: unknown }).tileDeskAsyncInit;
  document.body.replaceChildren();
});

function install() {
  const cloud = createVendorCloud('tiledesk', { secret: secrets.tiledesk });
  handle = installTiledeskEmulator({ fetch: fetchFrom(cloud) });
  return cloud;
}

describe('Tiledesk emulator', () => {
  it('refuses a token without the "JWT " prefix before calling Tiledesk', async () => {
    const cloud = install();
    await expect(tiledesk().signInWithCustomToken(await tiledeskToken())).rejects.toThrow(
      'signInWithCustomToken expects "JWT <token>": the token must start with "JWT "',
    );
    expect(handle?.state().error).toContain('must start with "JWT "');
    const log = await (await cloud(new Request('http://localhost/log'))).json();
    expect(log.events).toEqual([]);
  });

  it('calls window.tileDeskAsyncInit as soon as window.tiledesk exists, then fires onInit', () => {
    const seen: string[] = [];
    Object.assign(window, {
      tileDeskAsyncInit: () => {
        seen.push('tileDeskAsyncInit');
        tiledesk().on('onInit', () => seen.push('onInit'));
      },
    });
    install();
    expect(seen).toEqual(['tileDeskAsyncInit', 'onInit']);
  });

  it('fires onLoggedIn, onLoggedOut and onAuthStateChanged with the user', async () => {
    install();
    const events: [string, unknown][] = [];
    for (const name of ['onLoggedIn', 'onLoggedOut', 'onAuthStateChanged'] as const) {
      tiledesk().on(name, (event) => events.push([name, event.detail]));
    }
    const user = await tiledesk().signInWithCustomToken(`JWT ${await tiledeskToken()}`);
    expect(user).toEqual({ id: ada.id, name: ada.name, email: ada.email });
    await tiledesk().logout();
    expect(events).toEqual([
      ['onLoggedIn', { user }],
      ['onAuthStateChanged', { isLogged: true, user }],
      ['onLoggedOut', {}],
      ['onAuthStateChanged', { isLogged: false, user: null }],
    ]);
  });
});
