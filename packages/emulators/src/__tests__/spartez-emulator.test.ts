// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVendorCloud } from '../create-vendor-cloud';
import type { EmulatorHandle } from '../install-emulator';
import { installSpartezEmulator } from '../spartez-emulator';
import { ada, grace, lifetime, secrets, sign } from './tokens';
import { fetchFrom, globalsOf } from './vendor-cases';

const sso = () => globalsOf(window).spartezSupportChat.sso;
const spartezToken = (user = ada) =>
  sign({ email: user.email, displayName: user.name, ...lifetime(300) }, secrets.spartez);

let handle: EmulatorHandle | undefined;

afterEach(() => {
  handle?.uninstall();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('Spartez emulator', () => {
  it('throws a plain Error whose message is the reason, as the guide says to read it', async () => {
    const cloud = createVendorCloud('spartez', { secret: secrets.spartez });
    handle = installSpartezEmulator({ fetch: fetchFrom(cloud) });
    const failure = await sso()
      .login('not-a-token')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(Object.keys(failure as Error)).toEqual([]);
    expect((failure as Error).message).toBe(
      'SSO login failed: the token is malformed: it does not have three dot-separated parts',
    );
  });

  it('reports a cloud it cannot reach, and a vendorUrl answered by something else', async () => {
    handle = installSpartezEmulator({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(sso().login(await spartezToken())).rejects.toThrow(
      'Spartez Support Chat could not be reached (network error)',
    );
    handle.uninstall();
    const page = async () => new Response('<!doctype html><title>Shop</title>', { status: 200 });
    handle = installSpartezEmulator({ fetch: page });
    await expect(sso().login(await spartezToken())).rejects.toThrow(
      'Spartez Support Chat did not answer the login at /vendor/spartez',
    );
  });

  it("new-user delay: a new email's logins fail transiently for N seconds, then succeed", async () => {
    vi.useFakeTimers({ now: new Date('2025-06-01T10:00:00Z') });
    const cloud = createVendorCloud('spartez', { secret: secrets.spartez });
    handle = installSpartezEmulator({
      fetch: fetchFrom(cloud),
      faults: { newUserDelaySeconds: 45 },
    });
    await expect(sso().login(await spartezToken())).rejects.toThrow(
      'The user is still being created at Spartez Support Chat; try again in 45 s',
    );
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(sso().login(await spartezToken())).rejects.toThrow('try again in 15 s');
    await vi.advanceTimersByTimeAsync(15_000);
    await sso().login(await spartezToken());
    expect(handle.state().user?.name).toBe(ada.name);
    // Only emails not seen yet wait: Ada now exists, Grace is new.
    await sso().logout();
    await sso().login(await spartezToken());
    await expect(sso().login(await spartezToken(grace))).rejects.toThrow(/still being created/);
  });

  it('serves calls in the order the page made them: login, logout, login of another user', async () => {
    const cloud = createVendorCloud('spartez', { secret: secrets.spartez });
    handle = installSpartezEmulator({ fetch: fetchFrom(cloud) });
    const [first, second] = [await spartezToken(), await spartezToken(grace)];
    await Promise.all([sso().login(first), sso().logout(), sso().login(second)]);
    expect(handle.state().user?.name).toBe(grace.name);
    const log = await (await cloud(new Request('http://localhost/log'))).json();
    expect(log.events.map((event: { type: string }) => event.type)).toEqual([
      'login',
      'logout',
      'login',
    ]);
  });
});
