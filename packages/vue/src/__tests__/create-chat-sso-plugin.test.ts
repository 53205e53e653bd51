import { createChatSSO } from '@chat-sso/core';
import { ada, startTestSiteEachTest } from '@chat-sso/test-site';
import { describe, expect, it } from 'vitest';
import { createApp, inject } from 'vue';
import { ChatSSOKey } from '../chat-sso-key';
import { createChatSSOPlugin } from '../create-chat-sso-plugin';

const current = startTestSiteEachTest({ vendor: 'tiledesk', user: ada });

describe('createChatSSOPlugin()', () => {
  it('destroys the store it created when the app unmounts', async () => {
    const app = createApp({ render: () => null }).use(createChatSSOPlugin(current.site.options));
    const store = app.runWithContext(() => inject(ChatSSOKey))!;
    app.mount(document.createElement('div'));
    app.unmount();

    await store.login();
    expect(store.getSnapshot().status).toBe('idle');
    expect(await current.site.vendorLog()).toEqual([]);
  });

  it('provides a store it was given and leaves it running after unmount', async () => {
    const store = createChatSSO(current.site.options);
    const app = createApp({ render: () => null }).use(createChatSSOPlugin({ store }));
    expect(app.runWithContext(() => inject(ChatSSOKey))).toBe(store);
    app.mount(document.createElement('div'));
    app.unmount();

    await store.login();
    expect(store.getSnapshot().status).toBe('signed_in');
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace']);
    store.destroy();
  });
});
