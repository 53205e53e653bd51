import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { createChatSSO } from '@chat-sso/core';
import { ada, type EmulatorHandle, grace, startTestSite, type TestSite } from '@chat-sso/test-site';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatSSO, type ChatSSOConfig, provideChatSSO } from '../index';

let site: TestSite;
let widget: EmulatorHandle;

beforeEach(async () => {
  site = await startTestSite({ vendor: 'spartez' });
  widget = site.installWidget();
});

afterEach(() => site.close());

/** An environment injector of its own, as a lazily loaded route gets one. */
function childInjector(config: ChatSSOConfig): EnvironmentInjector {
  return createEnvironmentInjector([provideChatSSO(config)], TestBed.inject(EnvironmentInjector));
}

describe('destroying the environment injector', () => {
  it('destroys the store provideChatSSO created: later calls no longer reach the widget', async () => {
    const injector = childInjector(site.options);
    const chat = injector.get(ChatSSO);
    site.signIn(ada);
    await chat.login();
    let completed = false;
    chat.snapshot$.subscribe({ complete: () => (completed = true) });

    injector.destroy();
    site.signIn(grace);
    await chat.login();
    await chat.logout();

    expect(completed).toBe(true);
    expect(chat.status()).toBe('signed_in');
    expect(widget.state().user?.name).toBe('Ada Lovelace');
    expect(await site.vendorLog()).toEqual(['login Ada Lovelace']);
  });

  it('unsubscribes from a store it was given, and leaves that store working', async () => {
    const store = createChatSSO(site.options);
    const injector = childInjector({ store });
    const chat = injector.get(ChatSSO);
    site.signIn(ada);
    await chat.login();
    expect(chat.user()?.name).toBe('Ada Lovelace');

    injector.destroy();
    await store.logout();

    expect(store.getSnapshot().status).toBe('signed_out');
    expect(widget.state().user).toBeNull();
    expect(chat.status()).toBe('signed_in');
    expect(chat.user()?.name).toBe('Ada Lovelace');
    store.destroy();
  });
});
