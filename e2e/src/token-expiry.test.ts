import { expect, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage } from './demo-page';
import { lastSeq, vendorLog } from './demo-server';
import { describeEachApp } from './each-app';

/** The shortest chat-token lifetime the demo server hands out on request. */
const TTL = 10;
/** Until the second token is in use: its lifetime, and time for the renewal itself. */
const RENEWED_WITHIN = (TTL + 10) * 1000;

describeEachApp('a token that expires while the page is open', (app) => {
  it('medchat (renewing widget): a new token is registered before the old one expires', async () => {
    const demo = await DemoPage.open(await newContext(), app, {
      vendor: 'medchat',
      ttl: String(TTL),
    });
    const since = await lastSeq('medchat');
    await demo.signIn(ada);
    await demo.expectWidget(ada.name, true);
    const first = await demo.tokenExpiresAt();

    await demo.until(
      'token-expiry to move to a newer token',
      (timeout) =>
        demo.page.waitForFunction(
          (previous) =>
            Number(
              document
                .querySelector('[data-testid="token-expiry"]')
                ?.getAttribute('data-expires-at'),
            ) > previous,
          first,
          { timeout },
        ),
      RENEWED_WITHIN,
    );
    await demo.expectWidget(ada.name, true);

    const events = (await vendorLog('medchat')).filter((event) => event.seq > since);
    // The sign-in and exactly one renewal login, both accepted; the renewal before the first token's exp.
    expect(events.map((event) => `${event.type}:${event.user?.name}`)).toEqual([
      `login:${ada.name}`,
      `login:${ada.name}`,
    ]);
    expect(events[1]!.at).toBeLessThan(first);
  });

  it('zendesk (pulling widget): when its session ends, the widget is handed a fresh token', async () => {
    const demo = await DemoPage.open(await newContext(), app, {
      vendor: 'zendesk',
      ttl: String(TTL),
    });
    const since = await lastSeq('zendesk');
    await demo.signIn(ada);
    await demo.expectWidget(ada.name, true);
    const first = await demo.tokenExpiresAt();

    const relogin = demo.page.waitForResponse(
      (response) => response.url().endsWith('/vendor/zendesk/login'),
      { timeout: RENEWED_WITHIN },
    );
    await demo.until('Zendesk to log in again with a new token', () => relogin, RENEWED_WITHIN);
    await demo.expectWidget(ada.name, true);

    const events = (await vendorLog('zendesk')).filter((event) => event.seq > since);
    // Asked at the first token's expiry, and given one the vendor accepted: not the expired one.
    expect(events.map((event) => `${event.type}:${event.user?.name}`)).toEqual([
      `login:${ada.name}`,
      `login:${ada.name}`,
    ]);
    expect(events[1]!.at).toBeGreaterThanOrEqual(first);
  });
});
