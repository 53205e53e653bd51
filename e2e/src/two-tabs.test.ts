import { it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage } from './demo-page';
import { describeEachApp } from './each-app';

describeEachApp('two tabs', (app) => {
  it('signing out in one tab makes the widget in the other anonymous', async () => {
    const context = await newContext();
    const first = await DemoPage.open(context, app, { vendor: 'spartez' });
    await first.signIn(ada);
    await first.expectWidget(ada.name, true);
    const second = await DemoPage.open(context, app, { vendor: 'spartez' });
    await second.expectWidget(ada.name, true);

    await first.signOut();
    await first.expectWidget('Anonymous', false);
    await second.expectWidget('Anonymous', false);
  });
});
