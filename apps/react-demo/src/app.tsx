import { chatSSOOptions, readPageOptions } from '@chat-sso/demo-shared';
import { ChatSSOProvider } from '@chat-sso/react';
import { useState } from 'react';
import { DemoPage } from './demo-page';

/** The page's vendor comes from its URL; the provider owns one chat-sso store for it. */
export function App() {
  const [page] = useState(() => readPageOptions(window.location.search));
  const [options] = useState(() => chatSSOOptions(page));
  return (
    <ChatSSOProvider options={options}>
      <DemoPage page={page} />
    </ChatSSOProvider>
  );
}
