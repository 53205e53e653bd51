import { expect, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage } from './demo-page';
import { restartDemoServer } from './demo-server';
import { describeEachApp } from './each-app';

describeEachApp('demo server restart', (app) => {
  it('a signed-in page keeps working across a restart: API refresh, session and chat token', async () => {
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'tiledesk' });
    await demo.signIn(ada);
    await demo.expectWidget(ada.name, true);
    expect(await demo.callApi()).toContain('Analytical Engine');

    await restartDemoServer();

    // The open page renews its expired access token with a refresh token the data dir kept.
    await demo.expectAccessTokenExpired();
    expect(await demo.callApi()).toContain('Analytical Engine');
    await demo.expectText('access-refreshes', '1');

    // The next page load: the site session and the signing secrets survived too.
    await demo.reload();
    await demo.expectSiteUser(ada.name);
    await demo.expectWidget(ada.name, true);
  });
});
