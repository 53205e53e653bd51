import { type UseChatSSOResult, useChatSSO } from '../use-chat-sso';

/** A consumer of `useChatSSO()` that shows status and user, and reports each render. */
export function ChatStatus({ onRender }: { onRender?: (chat: UseChatSSOResult) => void }) {
  const chat = useChatSSO();
  onRender?.(chat);
  return (
    <p data-testid="chat-status">
      {chat.status}: {chat.user?.name ?? 'nobody'}
    </p>
  );
}
