import type { ChatSSOStore } from '@chat-sso/core';
import type { InjectionKey } from 'vue';

/** Where `createChatSSOPlugin()` provides the store; inject it for direct access. */
export const ChatSSOKey: InjectionKey<ChatSSOStore> = Symbol('chat-sso');
