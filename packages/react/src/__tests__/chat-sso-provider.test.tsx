import { createChatSSO } from '@chat-sso/core';
import { ada, startTestSiteEachTest } from '@chat-sso/test-site';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSSOProvider } from '../chat-sso-provider';
import { type UseChatSSOResult, useChatSSO } from '../use-chat-sso';
import { ChatStatus } from './chat-status';

const current = startTestSiteEachTest({ vendor: 'spartez', user: ada });
afterEach(cleanup);

/** How a site drives the widget from its own auth: signed in → `login()`. */
function SignedInPage({ onLogin }: { onLogin: (login: Promise<void>) => void }) {
  const { login } = useChatSSO();
  useEffect(() => {
    onLogin(login());
  }, [login, onLogin]);
  return null;
}

describe('<ChatSSOProvider>', () => {
  it('logs the widget in exactly once per login under StrictMode', async () => {
    const logins: Promise<void>[] = [];
    let chat: UseChatSSOResult | undefined;
    render(
      <StrictMode>
        <ChatSSOProvider options={current.site.options}>
          <SignedInPage onLogin={(login) => logins.push(login)} />
          <ChatStatus onRender={(value) => (chat = value)} />
        </ChatSSOProvider>
      </StrictMode>,
    );
    await act(() => Promise.all(logins));

    // StrictMode ran the effect twice, on the one store that survives its remount.
    expect(logins).toHaveLength(2);
    expect(screen.getByTestId('chat-status').textContent).toBe('signed_in: Ada Lovelace');
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace']);

    await act(() => chat!.logout());
    await act(() => chat!.login());
    expect(await current.site.vendorLog()).toEqual([
      'login Ada Lovelace',
      'logout Ada Lovelace',
      'login Ada Lovelace',
    ]);
  });

  it('destroys the store it created when unmounted', async () => {
    let chat: UseChatSSOResult | undefined;
    const { unmount } = render(
      <ChatSSOProvider options={current.site.options}>
        <ChatStatus onRender={(value) => (chat = value)} />
      </ChatSSOProvider>,
    );
    await act(async () => unmount());

    // A live store would log the widget in before this settles.
    await chat!.login();
    expect(await current.site.vendorLog()).toEqual([]);
  });

  it('leaves a store it was given running after unmount', async () => {
    const store = createChatSSO(current.site.options);
    const { unmount } = render(
      <ChatSSOProvider store={store}>
        <ChatStatus />
      </ChatSSOProvider>,
    );
    await act(async () => unmount());

    await store.login();
    expect(store.getSnapshot().status).toBe('signed_in');
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace']);
    store.destroy();
  });
});
