import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { createChatSSO } from '@chat-sso/core';
import { ada, grace, startTestSiteEachTest } from '@chat-sso/test-site';
import { describe, expect, it } from 'vitest';
import { ChatSSO, type ChatSSOConfig, provideChatSSO } from '../index';

const current = startTestSiteEachTest({ vendor: 'spartez' });

/** An environment injector of its own, as a lazily loaded route gets one. */
function childInjector(config: ChatSSOConfig): EnvironmentInjector {
  return createEnvironmentInjector([provideChatSSO(config)], TestBed.inject(EnvironmentInjector));
}

describe('destroying the environment injector', () => {
  it('destroys the store provideChatSSO created: later calls no longer reach the widget', async () => {
    const injector = childInjector(current.site.options);
    const chat = injector.get(ChatSSO);
    current.site.signIn(ada);
    await chat.login();
    let completed = false;
    chat.snapshot$.subscribe({ complete: () => (completed = true) });

    injector.destroy();
    current.site.signIn(grace);
    await chat.login();
    await chat.logout();

    expect(completed).toBe(true);
    expect(chat.status()).toBe('signed_in');
    expect(current.widget.state().user?.name).toBe('Ada Lovelace');
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace']);
  });

  it('unsubscribes from a store it was given, and leaves that store working', async () => {
    const store = createChatSSO(current.site.options);
    const injector = childInjector({ store });
    const chat = injector.get(ChatSSO);
    current.site.signIn(ada);
    await chat.login();
    expect(chat.user()?.name).toBe('Ada Lovelace');

    injector.destroy();
    await store.logout();

    expect(store.getSnapshot().status).toBe('signed_out');
    expect(current.widget.state().user).toBeNull();
    expect(chat.status()).toBe('signed_in');
    expect(chat.user()?.name).toBe('Ada Lovelace');
    store.destroy();
  });
});
