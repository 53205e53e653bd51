/**
 * Child process: how often a component using `useChatSSO()` renders per
 * login/logout cycle, against how often the status changes. Reports over IPC.
 */
import { ChatSSOProvider, useChatSSO } from '@chat-sso/react';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createJsdomSite } from './jsdom-site';

export interface RenderCounts {
  cycles: number;
  renders: number;
  statusChanges: number;
}

const CYCLES = 50;

const { window, store } = createJsdomSite();
// React DOM reads the page's globals when it renders.
Object.assign(globalThis, { window, document: window.document, navigator: window.navigator });

let renders = 0;
function ChatStatus() {
  const { status } = useChatSSO();
  renders += 1;
  return createElement('p', null, status);
}

/** Lets React commit what the store's last change scheduled. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const root = createRoot(window.document.body.appendChild(window.document.createElement('div')));
root.render(createElement(ChatSSOProvider, { store }, createElement(ChatStatus)));
await settle();
let statusChanges = 0;
store.on('status', () => {
  statusChanges += 1;
});
const rendersBefore = renders;
for (let cycle = 0; cycle < CYCLES; cycle += 1) {
  await store.login();
  if (store.getSnapshot().status !== 'signed_in') throw new Error('the widget did not sign in');
  await settle();
  await store.logout();
  await settle();
}
root.unmount();
store.destroy();
const counts: RenderCounts = { cycles: CYCLES, renders: renders - rendersBefore, statusChanges };
process.send!(counts);
