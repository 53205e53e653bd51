'use client';
import { type ChatSSOOptions, type ChatSSOStore, createChatSSO } from '@chat-sso/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ChatSSOContext } from './chat-sso-context';

export type ChatSSOProviderProps = { children?: ReactNode } & (
  | {
      /** Options of a store the provider creates once, owns and destroys on unmount. Read once. */
      options: ChatSSOOptions;
      store?: never;
    }
  | {
      /** A store created elsewhere: the provider shares it and never destroys it. */
      store: ChatSSOStore;
      options?: never;
    }
);

/** Makes one chat-sso store available to `useChatSSO()` below it. */
export function ChatSSOProvider(props: ChatSSOProviderProps) {
  // Creating a store does no work, so StrictMode's discarded extra render costs nothing.
  const [owned] = useState(() => (props.store ? null : createChatSSO(props.options)));
  const unmounted = useRef(false);

  useEffect(() => {
    if (!owned) return;
    unmounted.current = false;
    return () => {
      unmounted.current = true;
      // StrictMode runs this cleanup and then the effect again at once; only a
      // cleanup that no re-run follows is a real unmount.
      queueMicrotask(() => {
        if (unmounted.current) owned.destroy();
      });
    };
  }, [owned]);

  return <ChatSSOContext value={props.store ?? owned}>{props.children}</ChatSSOContext>;
}
