import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import type { ChatSSOOptions, ChatSSOStore } from '@chat-sso/core';
import { ChatSSO } from './chat-sso';
import { injectChatSSOService } from './inject-chat-sso-service';

/** Options to create a store from, or a ready store the caller keeps owning. */
export type ChatSSOConfig = ChatSSOOptions | { store: ChatSSOStore };

/**
 * Provides `ChatSSO` to an application (`app.config.ts`) or a route. The
 * injector it is provided in gets its own service, created on the first
 * `inject(ChatSSO)` and cleaned up when that injector is destroyed.
 */
export function provideChatSSO(config: ChatSSOConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: ChatSSO, useFactory: () => injectChatSSOService(config) },
  ]);
}
