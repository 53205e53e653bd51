'use client';
export { ChatSSOProvider, type ChatSSOProviderProps } from './chat-sso-provider';
export { type UseChatSSOResult, useChatSSO } from './use-chat-sso';
