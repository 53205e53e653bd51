import { type ChatSSOOptions, fetchToken, type WidgetAdapter } from '@chat-sso/core';
import { medchat } from '@chat-sso/core/widgets/medchat';
import { openweb } from '@chat-sso/core/widgets/openweb';
import { spartez } from '@chat-sso/core/widgets/spartez';
import { tiledesk } from '@chat-sso/core/widgets/tiledesk';
import { zendesk } from '@chat-sso/core/widgets/zendesk';
import type { PageOptions } from './page-options';
import type { DemoVendor } from './vendors';

/** How long the apps wait for the widget script before showing `widget_unavailable`. */
export const WIDGET_READY_TIMEOUT_MS = 5000;
/** How long one widget login may go unanswered before it counts as a `vendor_timeout`. */
export const VENDOR_CALL_TIMEOUT_MS = 2000;

const widgets: Record<DemoVendor, () => WidgetAdapter> = {
  spartez,
  tiledesk,
  medchat,
  // The demo's identity provider emulates an Auth0 tenant.
  openweb: () => openweb({ provider: 'auth0' }),
  zendesk,
};

/** The site's chat-token endpoint for a vendor; `ttl` shortens the token's life. */
export function chatTokenUrl(vendor: DemoVendor, ttl?: number): string {
  // OpenWeb's tokens come from the identity provider, which sets their lifetime.
  const query = ttl && vendor !== 'openweb' ? `?ttl=${ttl}` : '';
  return `/api/chat-token/${vendor}${query}`;
}

/**
 * The `createChatSSO` options for the page's vendor: its widget adapter, the
 * token endpoint, and timeouts and retries quick enough to watch a fault play out. A short
 * `?ttl=` renews a third of its life before expiry, so that is visible too.
 */
export function chatSSOOptions(page: PageOptions): ChatSSOOptions {
  return {
    widget: widgets[page.vendor](),
    token: fetchToken(chatTokenUrl(page.vendor, page.ttl)),
    readyTimeout: WIDGET_READY_TIMEOUT_MS,
    callTimeout: VENDOR_CALL_TIMEOUT_MS,
    retry: { attempts: 5, baseDelay: 500, maxDelay: 4000 },
    ...(page.ttl && { refreshBefore: Math.max(2, Math.floor(page.ttl / 3)) }),
  };
}
