// @vitest-environment node
import type { ChatSSOEnv } from '@chat-sso/core';
import { tiledesk } from '@chat-sso/core/widgets/tiledesk';
import { describe, expect, it } from 'vitest';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createChatSSOPlugin } from '../create-chat-sso-plugin';
import { ChatStatus } from './chat-status';

const untouchable = (what: string) => () => {
  throw new Error(`server rendering touched ${what}`);
};
/** Every browser dependency of the store throws: rendering must not reach any of them. */
const env: ChatSSOEnv = {
  now: untouchable('the clock'),
  setTimeout: untouchable('setTimeout'),
  clearTimeout: untouchable('clearTimeout'),
  random: untouchable('Math.random'),
  window: untouchable('window'),
};

describe('server rendering', () => {
  it('renders the idle snapshot without touching a browser API', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');

    const app = createSSRApp(ChatStatus).use(
      createChatSSOPlugin({
        widget: tiledesk(),
        token: untouchable('the token source'),
        channel: false,
        env,
      }),
    );

    expect(await renderToString(app)).toBe('<p data-testid="chat-status">idle: nobody</p>');
  });
});
