import { it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage, vendors } from './demo-page';
import { describeEachApp } from './each-app';

describeEachApp('site sign-in and sign-out drive the widget', (app) => {
  it.each(vendors)(
    '%s: signing in as ada verifies Ada Lovelace; signing out makes the widget anonymous',
    async (vendor) => {
      const demo = await DemoPage.open(await newContext(), app, { vendor });
      await demo.expectWidget('Anonymous', false);

      await demo.signIn(ada);
      await demo.expectWidget(ada.name, true);
      await demo.expectStatus('signed_in');

      await demo.signOut();
      await demo.expectWidget('Anonymous', false);
      await demo.expectStatus('signed_out');
    },
  );
});
