// @vitest-environment node
import type { ChatSSOEnv } from '@chat-sso/core';
import { spartez } from '@chat-sso/core/widgets/spartez';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatSSOProvider } from '../chat-sso-provider';
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
  it('renders the idle snapshot without touching a browser API', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');

    const html = renderToString(
      <ChatSSOProvider
        options={{ widget: spartez(), token: untouchable('the token source'), channel: false, env }}
      >
        <ChatStatus />
      </ChatSSOProvider>,
    );

    expect(html).toBe('<p data-testid="chat-status">idle<!-- -->: <!-- -->nobody</p>');
  });
});
