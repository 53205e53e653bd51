import { expect, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage, grace } from './demo-page';
import { describeEachApp } from './each-app';

describeEachApp('protected API panel', (app) => {
  it('calls the API with an access token, stays authorized across several access-token expiries, and follows a user switch', async () => {
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'spartez' });
    await demo.signIn(ada);
    expect(await demo.callApi()).toBe(
      'Ada Lovelace: Analytical Engine, Notes on the Sketch, Bernoulli numbers',
    );
    expect(await demo.text('access-refreshes')).toBe('0');

    // Several expiries in a row: the call after each one renews with the refresh token first.
    for (let expiry = 1; expiry <= 3; expiry += 1) {
      await demo.expectAccessTokenExpired();
      expect(await demo.callApi()).toContain('Analytical Engine');
      await demo.expectText('access-refreshes', String(expiry));
    }

    // Ada's tokens are revoked with the switch: the next call is Grace's.
    await demo.switchUser(grace);
    expect(await demo.callApi()).toBe('Grace Hopper: Harvard Mark I, A-0 compiler, COBOL');
  });
});
