import { expect, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage } from './demo-page';
import { restartDemoServer, vendorEventsSince } from './demo-server';
import { describeEachApp } from './each-app';

/** The apps' readiness timeout (5 s, `WIDGET_READY_TIMEOUT_MS`) and some slack. */
const WIDGET_TIMEOUT = 5000 + 5000;

describeEachApp('faults', (app) => {
  it('blocked widget: sso-status reports it unavailable within its timeout, and the app keeps working', async () => {
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'spartez' });
    await demo.signIn(ada);
    await demo.expectWidget(ada.name, true);

    await demo.page.getByTestId('fault-blocked').click();
    await demo.page.waitForURL(/widget=blocked/);
    await demo.expectStatus('error', 'did not load', WIDGET_TIMEOUT);
    await demo.until('no widget panel on the page', (timeout) =>
      demo.page.getByTestId('widget-identity').waitFor({ state: 'detached', timeout }),
    );

    // The site's own features do not depend on the widget.
    await demo.page.getByTestId('api-call').click();
    await demo.until('the API answer', (timeout) =>
      demo.page
        .getByTestId('api-result')
        .filter({ hasText: 'Analytical Engine' })
        .waitFor({ timeout }),
    );
    await demo.signOut();
    await demo.signIn(ada);
  });

  it('slow widget: the store waits for the late script, then signs in', async () => {
    const demo = await DemoPage.open(await newContext(), app, {
      vendor: 'spartez',
      widget: 'slow',
    });
    await demo.signIn(ada);
    await demo.expectStatus('signing_in');
    await demo.expectWidget(ada.name, true, WIDGET_TIMEOUT);
    await demo.expectStatus('signed_in');
  });

  it('vendor 5xx: retried, then reported as vendor_unavailable', async () => {
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'tiledesk' });
    await demo.page.getByTestId('fault-vendor-5xx').check();
    await demo.signIn(ada);
    await demo.expectStatus('error', 'vendor_unavailable', 20_000);
    await demo.expectWidget('Anonymous', false);
  });

  it('hanging vendor: every login times out, reported as vendor_timeout; the page keeps working and signs in once the vendor answers', async () => {
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'medchat' });
    await demo.page.getByTestId('fault-vendor-hang').check();
    await demo.signIn(ada);
    // Five attempts of 2 s each (`VENDOR_CALL_TIMEOUT_MS`) with their backoff, then the error.
    await demo.expectStatus('error', 'vendor_timeout', 40_000);
    await demo.expectWidget('Anonymous', false);
    expect(await demo.callApi()).toContain('Analytical Engine');

    await demo.page.getByTestId('fault-vendor-hang').uncheck();
    await demo.signOut();
    await demo.signIn(ada);
    await demo.expectWidget(ada.name, true);
    await demo.expectStatus('signed_in');
  });

  it('new-user delay: Spartez says the user is still being created, the login is retried, then verified', async () => {
    // The vendor cloud keeps the users it has seen in memory: after a restart it knows nobody.
    await restartDemoServer();
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'spartez' });
    await demo.page.getByTestId('fault-new-user-delay').check();
    await demo.signIn(ada);
    await demo.expectWidget(ada.name, true, 20_000);

    const events = await vendorEventsSince('spartez', 0);
    expect(events.at(-1)).toBe(`login:${ada.name}`);
    expect(events.slice(0, -1).length).toBeGreaterThan(0);
    for (const event of events.slice(0, -1))
      expect(event).toMatch(/^login_rejected:.*still being created/);
  });
});
