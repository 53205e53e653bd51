import { type ChatSSOStore, createChatSSO } from '@chat-sso/core';
import { spartez as spartezContract } from '@chat-sso/core/contracts';
import { spartez } from '@chat-sso/core/widgets/spartez';
import { installSpartezEmulator } from '@chat-sso/emulators';
import { createVendorCloud } from '@chat-sso/emulators/cloud';
import { createIssuer } from '@chat-sso/server';
import { JSDOM } from 'jsdom';
import { SECRET, USER } from './fixtures';

export interface JsdomSite {
  window: Window & typeof globalThis;
  /** One store for the emulated Spartez widget, with Ada signed in to the site. */
  store: ChatSSOStore;
}

/**
 * A page in jsdom with the emulated Spartez widget, which verifies each login
 * at its vendor cloud (called in-process, no socket), and a chat-sso store
 * whose tokens come straight from an issuer.
 */
export function createJsdomSite(): JsdomSite {
  const { window } = new JSDOM('<!doctype html><body></body>', { url: 'http://localhost/' });
  const page = window as unknown as Window & typeof globalThis;
  const cloud = createVendorCloud('spartez', { secret: SECRET });
  const issuer = createIssuer({ contract: spartezContract, secret: SECRET });
  installSpartezEmulator({
    window: page,
    fetch: (input, init) => cloud(new Request(input, init)),
  });
  const store = createChatSSO({
    widget: spartez(),
    token: () => issuer.issue(USER),
    channel: false,
    env: { window: () => page },
  });
  return { window: page, store };
}
