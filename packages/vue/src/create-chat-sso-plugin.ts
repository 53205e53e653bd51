import { type ChatSSOOptions, type ChatSSOStore, createChatSSO } from '@chat-sso/core';
import type { Plugin } from 'vue';
import { ChatSSOKey } from './chat-sso-key';

/**
 * Options of a store the plugin creates per app and destroys on `app.unmount()`,
 * or `{ store }`: a store created elsewhere, which the plugin shares and never destroys.
 */
export type ChatSSOPluginOptions = ChatSSOOptions | { store: ChatSSOStore };

/** `app.use(createChatSSOPlugin(options))` makes one chat-sso store available to `useChatSSO()`. */
export function createChatSSOPlugin(config: ChatSSOPluginOptions): Plugin {
  return {
    install(app) {
      const store = 'store' in config ? config.store : createChatSSO(config);
      app.provide(ChatSSOKey, store);
      // Only a store the plugin created is the plugin's to destroy.
      if (!('store' in config)) app.onUnmount(store.destroy);
    },
  };
}
