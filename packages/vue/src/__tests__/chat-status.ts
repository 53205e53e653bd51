import { defineComponent, h, type PropType } from 'vue';
import { type UseChatSSOResult, useChatSSO } from '../use-chat-sso';

/** A consumer of `useChatSSO()` that shows status and user, and hands out what it got. */
export const ChatStatus = defineComponent({
  props: { onSetup: Function as PropType<(chat: UseChatSSOResult) => void> },
  setup(props) {
    const chat = useChatSSO();
    props.onSetup?.(chat);
    return () =>
      h(
        'p',
        { 'data-testid': 'chat-status' },
        `${chat.status.value}: ${chat.user.value?.name ?? 'nobody'}`,
      );
  },
});
