// @vitest-environment node
import { tiledesk } from '@chat-sso/core/widgets/tiledesk';
import { untouchable, untouchableEnv } from '@chat-sso/test-site';
import { describe, expect, it } from 'vitest';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createChatSSOPlugin } from '../create-chat-sso-plugin';
import { ChatStatus } from './chat-status';

describe('server rendering', () => {
  it('renders the idle snapshot without touching a browser API', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');

    const app = createSSRApp(ChatStatus).use(
      createChatSSOPlugin({
        widget: tiledesk(),
        token: untouchable('the token source'),
        channel: false,
        env: untouchableEnv,
      }),
    );

    expect(await renderToString(app)).toBe('<p data-testid="chat-status">idle: nobody</p>');
  });
});
