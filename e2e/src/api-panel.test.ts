import { expect, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage, grace } from './demo-page';
import { describeEachApp } from './each-app';

describeEachApp('protected API panel', (app) => {
  it('calls the API with an access token, refreshes it once at each of several expiries, and follows a user switch', async () => {
    const demo = await DemoPage.open(await newContext(), app, { vendor: 'spartez' });
    await demo.signIn(ada);
    expect(await demo.callApi()).toBe(
      'Ada Lovelace: Analytical Engine, Notes on the Sketch, Bernoulli numbers',
    );
    expect(await demo.text('access-refreshes')).toBe('0');

    // Several expiries in a row: each is followed by exactly one refresh.
    for (const refreshes of ['1', '2', '3']) {
      await demo.expectAccessTokenExpired();
      expect(await demo.callApi()).toContain('Analytical Engine');
      await demo.expectText('access-refreshes', refreshes);
    }

    // Ada's tokens are revoked with the switch: the next call is Grace's.
    await demo.switchUser(grace);
    expect(await demo.callApi()).toBe('Grace Hopper: Harvard Mark I, A-0 compiler, COBOL');
  });
});
