import { expect, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage, grace, vendors } from './demo-page';
import { lastSeq, vendorEventsSince } from './demo-server';
import { describeEachApp } from './each-app';

describeEachApp('switching user without a reload', (app) => {
  it.each(vendors)(
    '%s: ada → grace shows Grace Hopper, and the vendor saw Ada log out in between',
    async (vendor) => {
      const demo = await DemoPage.open(await newContext(), app, { vendor });
      const since = await lastSeq(vendor);
      await demo.signIn(ada);
      await demo.expectWidget(ada.name, true);
      // Survives only if the page is not reloaded.
      await demo.page.evaluate(() => Object.assign(window, { notReloaded: true }));

      await demo.switchUser(grace);
      await demo.expectWidget(grace.name, true);

      expect(await demo.page.evaluate(() => 'notReloaded' in window)).toBe(true);
      expect(await vendorEventsSince(vendor, since)).toEqual([
        `login:${ada.name}`,
        `logout:${ada.name}`,
        `login:${grace.name}`,
      ]);
    },
  );
});
