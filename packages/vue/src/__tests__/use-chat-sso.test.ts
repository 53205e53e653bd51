import { type ChatSSOStore, createChatSSO } from '@chat-sso/core';
import { ada, grace, startTestSiteEachTest } from '@chat-sso/test-site';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, effectScope, nextTick } from 'vue';
import { createChatSSOPlugin } from '../create-chat-sso-plugin';
import { type UseChatSSOResult, useChatSSO } from '../use-chat-sso';
import { ChatStatus } from './chat-status';

const current = startTestSiteEachTest({ vendor: 'tiledesk', user: ada });
enableAutoUnmount(afterEach);

const widgetIdentity = () => document.querySelector('[data-testid="widget-identity"]');

/** The store, with a count of the listeners subscribed to it right now. */
function countingListeners(store: ChatSSOStore) {
  const counted = {
    ...store,
    listeners: 0,
    subscribe(listener: () => void) {
      counted.listeners++;
      const unsubscribe = store.subscribe(listener);
      return () => {
        counted.listeners--;
        unsubscribe();
      };
    },
  };
  return counted;
}

describe('useChatSSO()', () => {
  it('makes a component follow login and logout of the real Tiledesk widget', async () => {
    let chat!: UseChatSSOResult;
    const wrapper = mount(ChatStatus, {
      props: { onSetup: (value: UseChatSSOResult) => (chat = value) },
      global: { plugins: [createChatSSOPlugin(current.site.options)] },
    });
    expect(wrapper.text()).toBe('idle: nobody');

    const login = chat.login();
    await nextTick();
    expect(wrapper.text()).toBe('signing_in: nobody');
    expect([chat.isLoading.value, chat.isAuthenticated.value]).toEqual([true, false]);
    await login;
    await nextTick();
    expect(wrapper.text()).toBe('signed_in: Ada Lovelace');
    expect([chat.isLoading.value, chat.isAuthenticated.value]).toEqual([false, true]);
    expect(chat.expiresAt.value).toBeGreaterThan(Date.now() / 1000);
    expect(widgetIdentity()?.textContent).toContain('Ada Lovelace');
    expect(widgetIdentity()?.getAttribute('data-verified')).toBe('true');

    await chat.logout();
    await nextTick();
    expect(wrapper.text()).toBe('signed_out: nobody');
    expect([chat.isLoading.value, chat.isAuthenticated.value]).toEqual([false, false]);
    expect(widgetIdentity()?.textContent).toContain('Anonymous');
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace', 'logout Ada Lovelace']);
  });

  it('shows the new user when the site switches user', async () => {
    let chat!: UseChatSSOResult;
    const wrapper = mount(ChatStatus, {
      props: { onSetup: (value: UseChatSSOResult) => (chat = value) },
      global: { plugins: [createChatSSOPlugin(current.site.options)] },
    });
    await chat.login();
    current.site.signIn(grace);
    await chat.login();
    await nextTick();

    expect(wrapper.text()).toBe('signed_in: Grace Hopper');
    expect(widgetIdentity()?.textContent).toContain('Grace Hopper');
    expect(await current.site.vendorLog()).toEqual([
      'login Ada Lovelace',
      'logout Ada Lovelace',
      'login Grace Hopper',
    ]);
  });

  it('unsubscribes when its effect scope is disposed', async () => {
    const store = createChatSSO(current.site.options);
    const counted = countingListeners(store);
    const app = createApp({ render: () => null }).use(createChatSSOPlugin({ store: counted }));
    const scope = effectScope();
    const chat = app.runWithContext(() => scope.run(() => useChatSSO()))!;
    expect(counted.listeners).toBe(1);
    await chat.login();
    expect(chat.status.value).toBe('signed_in');

    scope.stop();
    expect(counted.listeners).toBe(0);
    await store.logout();
    expect(chat.status.value).toBe('signed_in');
    store.destroy();
  });

  it('unsubscribes when its component unmounts', async () => {
    const store = createChatSSO(current.site.options);
    const counted = countingListeners(store);
    const wrapper = mount(ChatStatus, {
      global: { plugins: [createChatSSOPlugin({ store: counted })] },
    });
    expect(counted.listeners).toBe(1);
    await store.login();
    await nextTick();
    expect(wrapper.text()).toBe('signed_in: Ada Lovelace');

    wrapper.unmount();
    expect(counted.listeners).toBe(0);
    store.destroy();
  });

  it('names setup() and the plugin when called outside setup(), without the plugin or a scope', () => {
    const message = 'useChatSSO() needs setup() and createChatSSOPlugin()';
    expect(() => useChatSSO()).toThrow(message);
    const bare = createApp({ render: () => null });
    expect(() => bare.runWithContext(() => effectScope().run(() => useChatSSO()))).toThrow(message);
    const app = createApp({ render: () => null }).use(createChatSSOPlugin(current.site.options));
    expect(() => app.runWithContext(() => useChatSSO())).toThrow(message);
  });
});
