import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import { type E2EApp, e2eApps } from './apps';

/** Declares `body`'s tests once per app of `e2eApps`; an app that is not built fails them. */
export function describeEachApp(title: string, body: (app: E2EApp) => void): void {
  describe.each(e2eApps)(`%s app: ${title}`, (app) => {
    beforeAll(() => {
      const index = fileURLToPath(
        new URL(`../../apps/${app}-demo/dist/index.html`, import.meta.url),
      );
      if (!existsSync(index)) {
        throw new Error(
          `the ${app} app is listed in e2e/src/apps.ts but not built (no ${index}): run pnpm turbo run build`,
        );
      }
    });
    body(app);
  });
}
