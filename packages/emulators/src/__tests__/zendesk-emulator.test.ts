// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVendorCloud } from '../create-vendor-cloud';
import type { EmulatorHandle } from '../install-emulator';
import type { CloudLog } from '../wire';
import { installZendeskEmulator, LoginFailedError, type ZendeskState } from '../zendesk-emulator';
import { ada, lifetime, secrets, sign } from './tokens';
import { fetchFrom, globalsOf, zendeskLogin } from './vendor-cases';

const zE = (...args: [string, string, ...unknown[]]) => globalsOf(window).zE(...args);
const KID = 'app_key-1';
const zendeskToken = (ttl = 120) =>
  sign(
    { external_id: ada.id, scope: 'user', name: ada.name, ...lifetime(ttl) },
    secrets.zendesk[KID],
    { kid: KID },
  );

let handle: EmulatorHandle<ZendeskState> | undefined;
const cloud = () => createVendorCloud('zendesk', { keys: secrets.zendesk });

async function events(vendor: ReturnType<typeof cloud>) {
  const response = await vendor(new Request('http://localhost/log'));
  return ((await response.json()) as CloudLog).events.map((event) => event.type);
}

/** loginCallback's reports, one awaited at a time. */
function loginResults() {
  const reported: (LoginFailedError | null)[] = [];
  const waiting: ((error: LoginFailedError | null) => void)[] = [];
  return {
    callback(error: LoginFailedError | null) {
      const next = waiting.shift();
      if (next) next(error);
      else reported.push(error);
    },
    next(): Promise<LoginFailedError | null> {
      if (reported.length > 0) return Promise.resolve(reported.shift() ?? null);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const tokenFrom = (answer: () => Promise<string>) =>
  vi.fn((callback: (jwt: string) => void) => {
    void answer().then(callback);
  });

afterEach(() => {
  handle?.uninstall();
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('Zendesk messaging emulator', () => {
  it('asks the site for a fresh token again when its session expires', async () => {
    vi.useFakeTimers();
    const vendor = cloud();
    handle = installZendeskEmulator({ fetch: fetchFrom(vendor) });
    const jwtCallback = tokenFrom(() => zendeskToken());
    const results = loginResults();
    zE('messenger', 'loginUser', jwtCallback, results.callback);
    expect(await results.next()).toBeNull();
    expect(jwtCallback).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(119_000);
    expect(jwtCallback).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(jwtCallback).toHaveBeenCalledTimes(2);
    expect(await results.next()).toBeNull();
    expect(handle.state().user?.name).toBe(ada.name);
    expect(await events(vendor)).toEqual(['login', 'login']);
  });

  it('stops renewing after logoutUser', async () => {
    vi.useFakeTimers();
    handle = installZendeskEmulator({ fetch: fetchFrom(cloud()) });
    const jwtCallback = tokenFrom(() => zendeskToken());
    const results = loginResults();
    zE('messenger', 'loginUser', jwtCallback, results.callback);
    expect(await results.next()).toBeNull();
    zE('messenger', 'logoutUser');
    await handle.idle();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(jwtCallback).toHaveBeenCalledTimes(1);
    expect(handle.state().user).toBeNull();
  });

  it('ends the session when the renewed token is refused, and reports it to loginCallback', async () => {
    vi.useFakeTimers();
    const vendor = cloud();
    handle = installZendeskEmulator({ fetch: fetchFrom(vendor) });
    const answers = [await zendeskToken(), 'expired.or.broken'];
    const results = loginResults();
    zE(
      'messenger',
      'loginUser',
      tokenFrom(async () => answers.shift() ?? ''),
      results.callback,
    );
    expect(await results.next()).toBeNull();
    await vi.advanceTimersByTimeAsync(120_000);
    const error = await results.next();
    expect(error).toBeInstanceOf(LoginFailedError);
    expect(error).toMatchObject({
      name: 'LoginFailedError',
      type: 'LoginFailedError',
      reason: 'invalid_token',
    });
    expect(error?.message).toMatch(/^JWT authentication failed: the token is malformed/);
    await handle.idle();
    expect(handle.state().user).toBeNull();
    expect(await events(vendor)).toEqual(['login', 'login_rejected', 'logout']);
  });

  it('reports a jwtCallback that throws or answers no string as a jwt_callback failure', async () => {
    handle = installZendeskEmulator({ fetch: fetchFrom(cloud()) });
    const results = loginResults();
    zE(
      'messenger',
      'loginUser',
      () => {
        throw new Error('token endpoint is down');
      },
      results.callback,
    );
    expect(await results.next()).toMatchObject({
      reason: 'jwt_callback',
      message: 'token endpoint is down',
    });
    const noString = (callback: (jwt: unknown) => void) => callback({ token: 'x' });
    zE('messenger', 'loginUser', noString, results.callback);
    expect(await results.next()).toMatchObject({
      reason: 'jwt_callback',
      message: 'jwtCallback answered without a JWT string',
    });
    expect(handle.state().error).toBe('jwtCallback answered without a JWT string');
  });

  it('ignores a token answered after a newer logoutUser', async () => {
    const vendor = cloud();
    handle = installZendeskEmulator({ fetch: fetchFrom(vendor) });
    let answer: ((jwt: string) => void) | undefined;
    const loginCallback = vi.fn();
    zE(
      'messenger',
      'loginUser',
      (callback: (jwt: string) => void) => {
        answer = callback;
      },
      loginCallback,
    );
    zE('messenger', 'logoutUser');
    answer?.(await zendeskToken());
    await handle.idle();
    expect(handle.state().user).toBeNull();
    expect(loginCallback).not.toHaveBeenCalled();
    expect(await events(vendor)).toEqual([]);
  });

  it('refuses unknown commands with a TypeError and tracks open/close', async () => {
    handle = installZendeskEmulator({ fetch: fetchFrom(cloud()) });
    expect(() => zE('webWidget', 'hide')).toThrow(TypeError);
    expect(() => zE('messenger', 'loginUsr')).toThrow(
      'zE: unknown messenger command "loginUsr"; the emulator supports loginUser, logoutUser, open, close',
    );
    expect(() => zE('messenger', 'loginUser', 'token')).toThrow(/jwtCallback must be a function/);
    zE('messenger', 'open');
    expect(handle.state().open).toBe(true);
    zE('messenger', 'close');
    expect(handle.state().open).toBe(false);
  });

  it('logs in through zendeskLogin with the key its kid names', async () => {
    handle = installZendeskEmulator({ fetch: fetchFrom(cloud()) });
    await zendeskLogin(window, await zendeskToken());
    expect(document.querySelector('[data-testid="widget-identity"]')?.textContent).toBe(ada.name);
  });
});
