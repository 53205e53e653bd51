// @vitest-environment node
import { spartez } from '@chat-sso/core/widgets/spartez';
import { untouchable, untouchableEnv } from '@chat-sso/test-site';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatSSOProvider } from '../chat-sso-provider';
import { ChatStatus } from './chat-status';

describe('server rendering', () => {
  it('renders the idle snapshot without touching a browser API', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');

    const html = renderToString(
      <ChatSSOProvider
        options={{
          widget: spartez(),
          token: untouchable('the token source'),
          channel: false,
          env: untouchableEnv,
        }}
      >
        <ChatStatus />
      </ChatSSOProvider>,
    );

    expect(html).toBe('<p data-testid="chat-status">idle<!-- -->: <!-- -->nobody</p>');
  });
});
