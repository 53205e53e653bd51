import { type ChatSSOStatus, createChatSSO } from '@chat-sso/core';
import { ada, grace, startTestSiteEachTest } from '@chat-sso/test-site';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatSSOProvider } from '../chat-sso-provider';
import type { UseChatSSOResult } from '../use-chat-sso';
import { ChatStatus } from './chat-status';

const current = startTestSiteEachTest({ vendor: 'spartez', user: ada });
afterEach(cleanup);

const widgetIdentity = () => document.querySelector('[data-testid="widget-identity"]');

describe('useChatSSO()', () => {
  it('follows login and logout of the real Spartez widget, with the derived flags', async () => {
    const renders: UseChatSSOResult[] = [];
    render(
      <ChatSSOProvider options={current.site.options}>
        <ChatStatus onRender={(chat) => renders.push(chat)} />
      </ChatSSOProvider>,
    );
    expect(screen.getByTestId('chat-status').textContent).toBe('idle: nobody');
    const { login, logout } = renders[0]!;

    await act(() => login());
    expect(screen.getByTestId('chat-status').textContent).toBe('signed_in: Ada Lovelace');
    expect(widgetIdentity()?.textContent).toContain('Ada Lovelace');
    expect(widgetIdentity()?.getAttribute('data-verified')).toBe('true');

    await act(() => logout());
    expect(screen.getByTestId('chat-status').textContent).toBe('signed_out: nobody');
    expect(widgetIdentity()?.textContent).toContain('Anonymous');
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace', 'logout Ada Lovelace']);

    const flags = renders.map(({ status, isAuthenticated, isLoading }) => ({
      status,
      isAuthenticated,
      isLoading,
    }));
    expect(flags).toEqual([
      { status: 'idle', isAuthenticated: false, isLoading: false },
      { status: 'signing_in', isAuthenticated: false, isLoading: true },
      { status: 'signed_in', isAuthenticated: true, isLoading: false },
      { status: 'signing_out', isAuthenticated: false, isLoading: true },
      { status: 'signed_out', isAuthenticated: false, isLoading: false },
    ]);
    // Stable actions: effects and memoised children that depend on them do not re-run.
    expect(new Set(renders.map((chat) => chat.login)).size).toBe(1);
    expect(new Set(renders.map((chat) => chat.logout)).size).toBe(1);
  });

  it('re-renders no more often than the status changes over a login cycle', async () => {
    const store = createChatSSO(current.site.options);
    const statuses: ChatSSOStatus[] = [];
    store.on('status', ({ status }) => statuses.push(status));
    let renders = 0;
    render(
      <ChatSSOProvider store={store}>
        <ChatStatus onRender={() => renders++} />
      </ChatSSOProvider>,
    );
    renders = 0;

    await act(() => store.login());
    await act(() => store.logout());

    expect(statuses).toEqual(['signing_in', 'signed_in', 'signing_out', 'signed_out']);
    expect(renders).toBeLessThanOrEqual(statuses.length);
    store.destroy();
  });

  it('re-renders with the new user when the site switches user', async () => {
    const store = createChatSSO(current.site.options);
    render(
      <ChatSSOProvider store={store}>
        <ChatStatus />
      </ChatSSOProvider>,
    );
    await act(() => store.login());
    expect(screen.getByTestId('chat-status').textContent).toBe('signed_in: Ada Lovelace');

    current.site.signIn(grace);
    await act(() => store.login());

    expect(screen.getByTestId('chat-status').textContent).toBe('signed_in: Grace Hopper');
    expect(widgetIdentity()?.textContent).toContain('Grace Hopper');
    expect(await current.site.vendorLog()).toEqual([
      'login Ada Lovelace',
      'logout Ada Lovelace',
      'login Grace Hopper',
    ]);
    store.destroy();
  });

  it('throws an error naming the provider when used outside <ChatSSOProvider>', () => {
    // React reports the render error on the console as well; keep the output clean.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ChatStatus />)).toThrow(
      'useChatSSO() must be used inside <ChatSSOProvider>',
    );
  });
});
